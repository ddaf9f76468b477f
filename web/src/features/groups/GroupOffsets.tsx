import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import type { GroupOffsetRow } from '../../api/groups';
import { fmtDuration, fmtInt, fmtOffset } from '../../ui/format';
import { Panel } from '../../ui/Panel';
import { EmptyRow, TableHead } from '../../ui/Table';
import { topicHref } from '../../app/sections';
import './groups.css';

interface TopicBlock {
  topic: string;
  rows: GroupOffsetRow[];
  lag: number;
  maxLagMs: number | null;
  atRisk: number;
}

function byTopic(offsets: GroupOffsetRow[]): TopicBlock[] {
  const map = new Map<string, GroupOffsetRow[]>();
  for (const o of offsets) map.set(o.topic, [...(map.get(o.topic) ?? []), o]);
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, rows]) => {
      const times = rows.map((r) => r.lagMs).filter((x) => x !== null);
      return {
        topic,
        rows: rows.sort((a, b) => a.partition - b.partition),
        lag: rows.reduce((s, r) => s + r.lag, 0),
        maxLagMs: times.length ? Math.max(...times) : null,
        atRisk: rows.filter((r) => r.atRisk).length,
      };
    });
}

const COLUMNS = [
  { label: 'Partition', num: true },
  { label: 'Committed', num: true },
  { label: 'End', num: true },
  { label: 'Lag', num: true },
  { label: 'Lag (time)', num: true },
  { label: 'Retention', num: true },
  { label: 'Status' },
];

/** Committed offsets per topic; "lag in time" is how much older the next unread record is than the newest one. */
export function GroupOffsets(props: { cluster: string; offsets: GroupOffsetRow[] }) {
  const blocks = createMemo(() => byTopic(props.offsets));
  return (
    <Panel title="Offsets" note="Lag (time): how much older the next unread record is than the newest one">
      <table class="table offsets-table">
        <TableHead columns={COLUMNS} />
        <For each={blocks()}>
          {(b) => (
            <tbody data-topic={b.topic}>
              <tr class="topic-row">
                <th scope="rowgroup" colSpan={3}>
                  <A href={topicHref(props.cluster, b.topic)} class="mono">
                    {b.topic}
                  </A>
                  <span class="muted small"> · {b.rows.length} partition{b.rows.length === 1 ? '' : 's'}</span>
                </th>
                <td class="num">{fmtInt(b.lag)}</td>
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
                      {fmtInt(o.lag)}
                    </td>
                    <td class="num" data-testid="lag-time">
                      {fmtDuration(o.lagMs)}
                    </td>
                    <td class="num muted">{o.retentionMs != null && o.retentionMs < 0 ? 'forever' : fmtDuration(o.retentionMs)}</td>
                    <td>
                      <Show when={o.atRisk}>
                        <span
                          class="risk"
                          title="The committed offset is close to the start of the log: retention may delete messages before this group reads them."
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
