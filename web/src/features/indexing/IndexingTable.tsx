import { For, Show } from 'solid-js';
import type { TopicIndexing } from '../../api/indexing';
import { fmtBytes, fmtDateTime, fmtInt, fmtPct } from '../../ui/format';
import { TableHead } from '../../ui/Table';
import './indexing.css';

interface Props {
  topics: TopicIndexing[];
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

/** The plan per topic, with records seen vs indexed and the index storage sampling saved. */
export function IndexingTable(props: Props) {
  return (
    <div class="table-scroll indexing-table">
      <table class="table" aria-label="Indexing plan">
        <TableHead columns={props.canEdit ? [...COLUMNS, {}] : COLUMNS} />
        <tbody>
          <For each={props.topics} fallback={<tr><td colSpan={9} class="empty">No topic is in the indexing plan yet.</td></tr>}>
            {(t) => (
              <tr data-topic={t.topic}>
                <td class="topic-name mono" title={t.topic}>
                  {t.topic}
                </td>
                <td>
                  <span class={`badge ${t.enabled ? 'badge-ok' : 'badge-unknown'}`}>{t.enabled ? 'on' : 'off'}</span>
                </td>
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
