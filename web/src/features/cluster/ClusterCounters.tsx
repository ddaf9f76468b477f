import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { ClusterOverview, PartitionProblem } from '../../api/overview';
import { fmtInt } from '../../ui/format';
import './cluster.css';

type Level = 'ok' | 'warn' | 'error';

interface Counter {
  key: string;
  label: string;
  value: number;
  /** Only problem counters get a colour, and only when non-zero. */
  level: Level;
  hint: string;
  /** A problem counter leads to its culprit partitions. */
  problem?: PartitionProblem;
}

function counters(o: ClusterOverview): Counter[] {
  const problem = (n: number, level: Level): Level => (n > 0 ? level : 'ok');
  return [
    { key: 'brokers', label: 'Brokers', value: o.brokers.length, level: 'ok', hint: 'Brokers in the cluster metadata' },
    { key: 'topics', label: 'Topics', value: o.topics, level: 'ok', hint: 'Topics, internal ones included' },
    { key: 'partitions', label: 'Partitions', value: o.partitions, level: 'ok', hint: 'Partitions across all topics' },
    {
      key: 'under-replicated',
      label: 'Under-replicated',
      value: o.underReplicated,
      level: problem(o.underReplicated, 'warn'),
      hint: 'Partitions with fewer in-sync replicas than replicas',
      problem: 'under-replicated',
    },
    {
      key: 'offline',
      label: 'Offline',
      value: o.offline,
      level: problem(o.offline, 'error'),
      hint: 'Partitions without a leader: unavailable for reads and writes',
      problem: 'offline',
    },
    {
      key: 'under-min-isr',
      label: 'Under min ISR',
      value: o.underMinIsr,
      level: problem(o.underMinIsr, 'error'),
      hint: 'Partitions with fewer in-sync replicas than min.insync.replicas: acks=all producers fail',
      problem: 'under-min-isr',
    },
  ];
}

/** `problemHref` makes a non-zero problem counter a link to the partitions behind it. */
export function ClusterCounters(props: { overview: ClusterOverview; problemHref: (problem: PartitionProblem) => string }) {
  return (
    <ul class="counters" aria-label="Cluster counters">
      <For each={counters(props.overview)}>
        {(c) => {
          const body = (
            <>
              <span class="counter-label">{c.label}</span>
              <span class="counter-value">{fmtInt(c.value)}</span>
            </>
          );
          return (
            <li class={`counter counter-${c.level}`} data-counter={c.key} title={c.hint}>
              <Show when={c.problem && c.value > 0 ? c.problem : undefined} fallback={body}>
                {(problem) => (
                  <A class="counter-link" href={props.problemHref(problem())} aria-label={`${c.label}: ${c.value}, show the partitions`}>
                    {body}
                  </A>
                )}
              </Show>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
