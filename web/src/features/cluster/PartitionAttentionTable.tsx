import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import type { ClusterOverview, PartitionProblem } from '../../api/overview';
import { topicHref } from '../../app/sections';
import { Panel } from '../../ui/Panel';
import { EmptyRow, TableHead } from '../../ui/Table';
import './cluster.css';

export const PROBLEM_LABELS: Record<PartitionProblem, string> = {
  'under-replicated': 'under-replicated',
  offline: 'offline',
  'under-min-isr': 'under min ISR',
};

export const isPartitionProblem = (value: string | undefined): value is PartitionProblem =>
  value !== undefined && value in PROBLEM_LABELS;

const COLUMNS = [
  { label: 'Topic' },
  { label: 'Partition', num: true },
  { label: 'Leader', num: true },
  { label: 'Replicas' },
  { label: 'In sync' },
  { label: 'min.insync.replicas', num: true },
  { label: 'Problems' },
];

interface Props {
  cluster: string;
  overview: ClusterOverview;
  /** Only partitions with this problem (a counter was clicked); all problems when unset. */
  problem: PartitionProblem | undefined;
  allHref: string;
}

/** The partitions behind the overview's problem counters, each linking to its topic. */
export function PartitionAttentionTable(props: Props) {
  const rows = createMemo(() =>
    props.overview.attention.filter((a) => !props.problem || a.problems.includes(props.problem)),
  );
  return (
    <Show when={props.problem || props.overview.attention.length > 0}>
      <Panel
        title={props.problem ? `Partitions ${PROBLEM_LABELS[props.problem]}` : 'Partitions needing attention'}
        label="Partitions needing attention"
        note={props.overview.attentionTruncated ? `The first ${props.overview.attention.length} problem partitions, topics in name order` : undefined}
        tools={
          <Show when={props.problem}>
            <A href={props.allHref}>All problems</A>
          </Show>
        }
      >
        <table class="table attention-table">
          <TableHead columns={COLUMNS} />
          <tbody>
            <For each={rows()}>
              {(a) => (
                <tr data-topic={a.topic} data-partition={a.partition}>
                  <td class="mono">
                    <A href={topicHref(props.cluster, a.topic)}>{a.topic}</A>
                  </td>
                  <td class="num">{a.partition}</td>
                  <td class="num">{a.leader < 0 ? <span class="muted">none</span> : a.leader}</td>
                  <td class="mono">{a.replicas.join(', ')}</td>
                  <td class="mono">{a.isr.length ? a.isr.join(', ') : <span class="muted">none</span>}</td>
                  <td class="num">{a.minIsr}</td>
                  <td>
                    <For each={a.problems}>
                      {(p) => <span class={`badge ${p === 'under-replicated' ? 'badge-degraded' : 'badge-error'}`}>{PROBLEM_LABELS[p]}</span>}
                    </For>
                  </td>
                </tr>
              )}
            </For>
            <EmptyRow when={rows().length === 0} columns={COLUMNS.length}>
              No partition has this problem now.
            </EmptyRow>
          </tbody>
        </table>
      </Panel>
    </Show>
  );
}
