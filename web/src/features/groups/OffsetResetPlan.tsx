import { For, Show } from 'solid-js';
import type { ResetPlanRow } from '../../api/groups';
import { fmtOffset } from '../../ui/format';
import { EmptyRow, TableHead } from '../../ui/Table';
import './groups.css';

/** new − current, exact (int64 decimal strings). */
function delta(r: ResetPlanRow): string {
  if (r.currentOffset === null) return '';
  const d = BigInt(r.newOffset) - BigInt(r.currentOffset);
  return d === 0n ? '0' : `${d > 0n ? '+' : '−'}${(d < 0n ? -d : d).toLocaleString('en-US')}`;
}

const COLUMNS = [
  { label: 'Topic' },
  { label: 'Partition', num: true },
  { label: 'Current', num: true },
  { label: 'New', num: true },
  { label: 'Change', num: true },
  { label: 'Note' },
];

interface Props {
  plan: ResetPlanRow[];
  executed: boolean;
}

export function OffsetResetPlan(props: Props) {
  const sorted = () =>
    [...props.plan].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  return (
    <div class="offset-reset-plan-scroll">
      <table class="table sticky-head offset-reset-plan" aria-label={props.executed ? 'Applied offsets' : 'Reset preview'}>
        <TableHead columns={COLUMNS} />
        <tbody>
          <For each={sorted()}>
            {(r) => (
              <tr data-topic={r.topic} data-partition={r.partition} classList={{ clamped: !!r.clamped }}>
                <td class="mono">{r.topic}</td>
                <td class="num">{r.partition}</td>
                <td class="num">{r.currentOffset === null ? <span class="muted">none</span> : fmtOffset(r.currentOffset)}</td>
                <td class="num">
                  <span class="muted">→ </span>
                  {fmtOffset(r.newOffset)}
                </td>
                <td class="num">{delta(r)}</td>
                <td>
                  <Show when={r.clamped}>
                    {(bound) => (
                      <span class="badge badge-degraded" title="The requested position was outside the log, so the nearest valid offset is used.">
                        clamped to {bound()}
                      </span>
                    )}
                  </Show>
                </td>
              </tr>
            )}
          </For>
          <EmptyRow when={props.plan.length === 0} columns={COLUMNS.length}>
            Nothing to reset: no partitions in this scope.
          </EmptyRow>
        </tbody>
      </table>
    </div>
  );
}
