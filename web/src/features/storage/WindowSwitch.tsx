import { For } from 'solid-js';
import { WINDOWS, type WindowId } from './format';
import './storage.css';

/** The time window every storage view looks back over. */
export function WindowSwitch(props: { value: WindowId; onChange: (id: WindowId) => void }) {
  return (
    <div class="seg" role="radiogroup" aria-label="Window">
      <For each={WINDOWS}>
        {(w) => (
          <label class="seg-option" classList={{ active: props.value === w.id }}>
            <input type="radio" name="storage-window" value={w.id} checked={props.value === w.id} onChange={() => props.onChange(w.id)} />
            {w.label}
          </label>
        )}
      </For>
    </div>
  );
}
