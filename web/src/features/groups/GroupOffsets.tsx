import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import type { GroupOffsetRow } from '../../api/groups';
import { fmtDuration, fmtInt, fmtOffset, fmtPartitionList } from '../../ui/format';
import { Panel } from '../../ui/Panel';
import { EmptyRow, TableHead } from '../../ui/Table';
import { topicTabHref } from '../../app/sections';
import './groups.css';

interface TopicBlock {
  topic: string;
  rows: GroupOffsetRow[];
  lag: number;
  maxAgeMs: number | null;
  maxLagMs: number | null;
  atRisk: number;
  /** Partitions without a commit: not in the lag, and not touched by "reset all topics". */
  uncommitted: number[];
}

const maxOf = (values: (number | null)[]) => {
  const known = values.filter((x) => x !== null);
  return known.length ? Math.max(...known) : null;
};

function byTopic(offsets: GroupOffsetRow[]): TopicBlock[] {
  const map = new Map<string, GroupOffsetRow[]>();
  for (const o of offsets) map.set(o.topic, [...(map.get(o.topic) ?? []), o]);
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, rows]) => ({
      topic,
      rows: rows.sort((a, b) => a.partition - b.partition),
      lag: rows.reduce((s, r) => s + r.lag, 0),
      maxAgeMs: maxOf(rows.map((r) => r.oldestUnreadAgeMs)),
      maxLagMs: maxOf(rows.map((r) => r.lagMs)),
      atRisk: rows.filter((r) => r.atRisk).length,
      uncommitted: rows.filter((r) => r.committedOffset === null).map((r) => r.partition),
    }));
}

const COLUMNS = [
  { label: 'Partition', num: true },
  { label: 'Committed', num: true },
  { label: 'End', num: true },
  { label: 'Lag', num: true },
  { label: 'Unread age', num: true },
  { label: 'Behind newest', num: true },
  { label: 'Retention', num: true },
  { label: 'Status' },
];

const NO_COMMIT = 'No committed offset: not counted in the lag; a consumer starts here per its auto.offset.reset.';

/**
 * Committed offsets per topic. "Unread age" is how old the oldest unread record is now, what
 * retention deletes by; "Behind newest" how much older it is than the newest record.
 */
export function GroupOffsets(props: { cluster: string; offsets: GroupOffsetRow[] }) {
  const blocks = createMemo(() => byTopic(props.offsets));
  return (
    <Panel
      title="Offsets"
      note="Unread age: how old the oldest unread record is now (retention deletes by this age) · Behind newest: how much older it is than the newest record"
    >
      <table class="table offsets-table">
        <TableHead columns={COLUMNS} />
        <For each={blocks()}>
          {(b) => (
            <tbody data-topic={b.topic}>
              <tr class="topic-row">
                <th scope="rowgroup" colSpan={3}>
                  <A href={topicTabHref(props.cluster, b.topic, 'consumers')} class="mono">
                    {b.topic}
                  </A>
                  <span class="muted small"> · {b.rows.length} partition{b.rows.length === 1 ? '' : 's'}</span>
                  <Show when={b.uncommitted.length > 0}>
                    <span class="muted small" data-testid="uncommitted" title={NO_COMMIT}>
                      {' '}
                      · lag over the {b.rows.length - b.uncommitted.length} committed only; without a commit: partition
                      {b.uncommitted.length === 1 ? '' : 's'} {fmtPartitionList(b.uncommitted)}
                    </span>
                  </Show>
                </th>
                <td class="num">{fmtInt(b.lag)}</td>
                <td class="num">{fmtDuration(b.maxAgeMs)}</td>
                <td class="num">{fmtDuration(b.maxLagMs)}</td>
                <td />
                <td>
                  <Show when={b.atRisk > 0}>
                    <span class="badge badge-error">{b.atRisk} at risk</span>
                  </Show>
                </td>
              </tr>
              <For each={b.rows}>
                {(o) => (
                  <tr data-topic={o.topic} data-partition={o.partition} classList={{ 'at-risk': o.atRisk }}>
                    <td class="num">{o.partition}</td>
                    <td class="num">
                      {o.committedOffset == null ? <span class="muted">none</span> : fmtOffset(o.committedOffset)}
                    </td>
                    <td class="num">{fmtOffset(o.endOffset)}</td>
                    <td class="num" classList={{ 'lag-high': o.lag > 0 }}>
                      <Show when={o.committedOffset != null} fallback={<span class="muted" title={NO_COMMIT}>no commit</span>}>
                        {fmtInt(o.lag)}
                      </Show>
                    </td>
                    <td class="num" data-testid="unread-age">
                      <Show when={o.committedOffset == null || o.lag > 0} fallback={<span class="muted">caught up</span>}>
                        {fmtDuration(o.oldestUnreadAgeMs)}
                      </Show>
                    </td>
                    <td class="num" data-testid="lag-time">
                      {fmtDuration(o.lagMs)}
                    </td>
                    <td class="num muted">{o.retentionMs != null && o.retentionMs < 0 ? 'forever' : fmtDuration(o.retentionMs)}</td>
                    <td>
                      <Show when={o.atRisk}>
                        <span
                          class="risk"
                          title="The oldest unread record is at least 80% of retention old: retention may delete messages before this group reads them."
                        >
                          near retention — data loss risk
                        </span>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          )}
        </For>
        <Show when={props.offsets.length === 0}>
          <tbody>
            <EmptyRow when columns={COLUMNS.length}>
              This group has no committed offsets.
            </EmptyRow>
          </tbody>
        </Show>
      </table>
    </Panel>
  );
}
