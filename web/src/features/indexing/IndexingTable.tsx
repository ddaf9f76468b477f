import { For, Show } from 'solid-js';
import type { TopicIndexing, TopicMapping } from '../../api/indexing';
import { fmtBytes, fmtDateTime, fmtInt, fmtPct } from '../../ui/format';
import { StatusBadge, type BadgeTone } from '../../ui/StatusBadge';
import { TableHead } from '../../ui/Table';
import './indexing.css';

interface Props {
  topics: TopicIndexing[];
  /** AWS: each topic's MSK event source mapping gets a column. */
  showMappings: boolean;
  canEdit: boolean;
  onEdit: (topic: TopicIndexing) => void;
}

const COLUMNS = [
  { label: 'Topic' },
  { label: 'Indexing' },
  { label: 'Sample rate', num: true },
  { label: 'Keep rules' },
  { label: 'Seen', num: true },
  { label: 'Indexed', num: true },
  { label: 'Storage saved', num: true },
  { label: 'Last batch' },
];

const ratePct = (r: number) => `${Math.round(r * 10_000) / 100}%`;

/** Lambda's own reasons for a state change; only the ones it made by itself need explaining. */
const userInitiated = 'USER_INITIATED';

const toneOf = (m: TopicMapping): BadgeTone => {
  if (m.state === 'Enabled') return 'ok';
  if (m.state === 'Disabled') return m.stateTransitionReason && m.stateTransitionReason !== userInitiated ? 'error' : 'unknown';
  // Creating, Enabling, Disabling, Updating, Deleting: on its way.
  return 'info';
};

const problemOf = (m: TopicMapping) => (m.lastProcessingResult?.startsWith('PROBLEM') ? m.lastProcessingResult : null);

/** A topic's MSK event source mapping: its state, the last poll's problem, and why Lambda changed it. */
export function MappingState(props: { mapping: TopicMapping | null }) {
  return (
    <Show when={props.mapping} fallback={<span class="muted">none yet (the reconciler creates it)</span>}>
      {(m) => (
        <div class="mapping-state" data-mapping-state={m().state}>
          <StatusBadge status={toneOf(m())} label={m().state} title={`Consumer group ${m().consumerGroup}`} />
          <Show when={problemOf(m())}>{(p) => <div class="mapping-problem" role="note">⚠ {p()}</div>}</Show>
          <Show when={m().stateTransitionReason !== userInitiated && m().stateTransitionReason}>
            {(reason) => <div class="muted small mapping-reason">{reason()}</div>}
          </Show>
        </div>
      )}
    </Show>
  );
}

/** The plan per topic, with records seen vs indexed and the index storage sampling saved. */
export function IndexingTable(props: Props) {
  const columns = () => [...COLUMNS.slice(0, 2), ...(props.showMappings ? [{ label: 'Mapping' }] : []), ...COLUMNS.slice(2), ...(props.canEdit ? [{}] : [])];
  return (
    <div class="table-scroll indexing-table">
      <table class="table" aria-label="Indexing plan">
        <TableHead columns={columns()} />
        <tbody>
          <For each={props.topics} fallback={<tr><td colSpan={columns().length} class="empty">No topic is in the indexing plan yet.</td></tr>}>
            {(t) => (
              <tr data-topic={t.topic}>
                <td class="topic-name mono" title={t.topic}>
                  {t.topic}
                </td>
                <td>
                  <span class={`badge ${t.enabled ? 'badge-ok' : 'badge-unknown'}`}>{t.enabled ? 'on' : 'off'}</span>
                </td>
                <Show when={props.showMappings}>
                  <td data-col="mapping">
                    <MappingState mapping={t.mapping} />
                  </td>
                </Show>
                <td class="num">{ratePct(t.sampleRate)}</td>
                <td class="mono indexing-keep" title={t.keep.join('\n')}>
                  {t.keep.length ? t.keep.join(' · ') : '—'}
                </td>
                <td class="num" data-stat="seen">{fmtInt(t.stats?.seen)}</td>
                <td class="num" data-stat="indexed">{fmtInt(t.stats?.indexed)}</td>
                <td class="num" data-stat="saved" title={t.stats ? `${fmtBytes(t.stats.savedBytes)} of ${fmtBytes(t.stats.bytesSeen)} not indexed` : ''}>
                  {t.stats ? `${fmtPct(t.stats.savedRatio)} (${fmtBytes(t.stats.savedBytes)})` : '—'}
                </td>
                <td class="nowrap muted">{t.stats?.lastIndexedAt ? fmtDateTime(t.stats.lastIndexedAt) : '—'}</td>
                <Show when={props.canEdit}>
                  <td>
                    <button type="button" class="btn btn-small" aria-label={`Edit indexing of ${t.topic}`} onClick={() => props.onEdit(t)}>
                      Edit
                    </button>
                  </td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** Mappings of topics taken out of the plan, until Lambda has deleted them (the reconciler retries). */
export function MappingsBeingRemoved(props: { mappings: TopicMapping[] }) {
  return (
    <Show when={props.mappings.length > 0}>
      <section class="mappings-removing" aria-label="Mappings being removed">
        <span class="muted small">Being removed:</span>
        <For each={props.mappings}>
          {(m) => (
            <span class="mappings-removing-item" data-topic={m.topic}>
              <span class="mono">{m.topic}</span> <StatusBadge status="info" label={m.state} title={`Consumer group ${m.consumerGroup}`} />
            </span>
          )}
        </For>
      </section>
    </Show>
  );
}
