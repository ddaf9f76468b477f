import { For, Show } from 'solid-js';
import type { SampleHeader, SampleNote } from '../../api/storage';
import { fmtDateTime } from '../../ui/format';
import './storage.css';

const SOURCES: Record<SampleNote['source'], string> = {
  logDirs: 'disk sizes',
  offsets: 'offsets',
  configs: 'retention settings',
  groups: 'consumer group lag',
};

/** What the latest sample could and could not see, said plainly. */
export function SampleStatus(props: { header: SampleHeader }) {
  const refused = () => (props.header.sizes.available || props.header.sizes.code === 'NO_SAMPLE' ? undefined : props.header.sizes);
  // A refused DescribeLogDirs is reported once, in its own box, not as a failure per broker.
  const notes = () => props.header.notes.filter((n) => !(refused() && n.source === 'logDirs'));
  return (
    <>
      <Show when={refused()}>
        {(s) => (
          <div class="storage-banner storage-banner-refused" role="note" data-testid="sizes-unavailable">
            <strong>Disk sizes are not available for this cluster.</strong>
            <span>
              It refuses DescribeLogDirs ({s().code}), as MSK Serverless does. Offsets, record ages, retention settings,
              consumer lag and the audit rules that need no sizes still work.
            </span>
            <Show when={s().message}>{(m) => <small class="muted">{m()}</small>}</Show>
          </div>
        )}
      </Show>
      <Show when={props.header.partial}>
        <div class="storage-banner storage-banner-partial" role="note" data-testid="partial-sample">
          <strong>Partial sample{props.header.sampledAt ? ` (${fmtDateTime(props.header.sampledAt)})` : ''}.</strong>
          <span>
            What did not answer is shown as unknown, never as zero; totals that include it are lower bounds, marked “≥”.
          </span>
          <ul>
            <For each={notes()}>
              {(n) => (
                <li>
                  {SOURCES[n.source]}
                  {n.broker !== undefined ? ` from broker ${n.broker}` : ''}: {n.message} <span class="muted">({n.code})</span>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </>
  );
}
