import { createUniqueId, For, type JSX } from 'solid-js';
import './Segmented.css';

interface Props<V extends string> {
  /** Accessible name of the group. */
  label: string;
  options: readonly { value: V; label: JSX.Element }[];
  value: V;
  onChange: (value: V) => void;
}

/** One of a few choices, drawn as joined buttons: real radio inputs, so keyboard and screen readers work. */
export function Segmented<V extends string>(props: Props<V>) {
  const name = createUniqueId();
  return (
    <div class="seg" role="radiogroup" aria-label={props.label}>
      <For each={props.options}>
        {(o) => (
          <label class="seg-option" classList={{ active: props.value === o.value }}>
            <input type="radio" name={name} value={o.value} checked={props.value === o.value} onChange={() => props.onChange(o.value)} />
            {o.label}
          </label>
        )}
      </For>
    </div>
  );
}
