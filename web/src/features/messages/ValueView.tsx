import { createMemo, createSignal, Match, Show, Switch } from 'solid-js';
import type { Encoding } from '../../api/messages';
import { Segmented } from '../../ui/Segmented';
import { base64ToBytes, hexDump, prettyJson } from './decode';
import './messages.css';

type View = 'pretty' | 'raw' | 'base64' | 'hex';

const VIEWS: Record<Encoding, { view: View; label: string }[]> = {
  json: [
    { view: 'pretty', label: 'Pretty' },
    { view: 'raw', label: 'Raw' },
  ],
  text: [],
  base64: [
    { view: 'base64', label: 'Base64' },
    { view: 'hex', label: 'Hex' },
  ],
  null: [],
};

interface Props {
  /** "Key" or "Value": names the block and its format switch. */
  label: string;
  text: string | null;
  encoding: Encoding;
}

/** A key or value shown the way its encoding suggests, with a switch between the sensible views. */
export function ValueView(props: Props) {
  const [chosen, setChosen] = createSignal<View>();
  const views = () => VIEWS[props.encoding] ?? [];
  // Text and null values have no views to switch between: shown raw.
  const view = (): View => {
    const c = chosen();
    return c && views().some((v) => v.view === c) ? c : (views()[0]?.view ?? 'raw');
  };

  const pretty = createMemo(() => (props.encoding === 'json' && props.text !== null ? prettyJson(props.text) : undefined));
  const hex = createMemo(() => {
    if (props.encoding !== 'base64' || props.text === null || view() !== 'hex') return undefined;
    try {
      return hexDump(base64ToBytes(props.text));
    } catch {
      return 'This value is not valid base64.';
    }
  });

  const shown = () => {
    if (props.text === null) return '';
    if (view() === 'pretty') return pretty() ?? props.text;
    if (view() === 'hex') return hex() ?? '';
    return props.text;
  };

  return (
    <div class="value-view" data-encoding={props.encoding}>
      <div class="value-view-head">
        <span class="value-view-label">{props.label}</span>
        <span class="tag">{props.encoding === 'base64' ? 'binary' : props.encoding}</span>
        <Show when={views().length > 1}>
          <Segmented
            label={`${props.label} format`}
            options={views().map((v) => ({ value: v.view, label: v.label }))}
            value={view()}
            onChange={setChosen}
          />
        </Show>
      </div>
      <Switch>
        <Match when={props.text === null || props.encoding === 'null'}>
          <p class="muted value-null">No {props.label.toLowerCase()} (null).</p>
        </Match>
        <Match when={true}>
          <Show when={props.encoding === 'json' && view() === 'pretty' && pretty() === undefined}>
            <p class="muted small value-note">Not valid JSON as received (cut at the size cap?): shown as is.</p>
          </Show>
          <pre class="value-pre" classList={{ hex: view() === 'hex' }} tabindex="0" aria-label={`${props.label} content`}>
            {shown()}
          </pre>
        </Match>
      </Switch>
    </div>
  );
}
