import { For } from 'solid-js';
import type { ClusterOverview } from '../../api/overview';
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
    },
    {
      key: 'offline',
      label: 'Offline',
      value: o.offline,
      level: problem(o.offline, 'error'),
      hint: 'Partitions without a leader: unavailable for reads and writes',
    },
    {
      key: 'under-min-isr',
      label: 'Under min ISR',
      value: o.underMinIsr,
      level: problem(o.underMinIsr, 'error'),
      hint: 'Partitions with fewer in-sync replicas than min.insync.replicas: acks=all producers fail',
    },
  ];
}

export function ClusterCounters(props: { overview: ClusterOverview }) {
  return (
    <ul class="counters" aria-label="Cluster counters">
      <For each={counters(props.overview)}>
        {(c) => (
          <li class={`counter counter-${c.level}`} data-counter={c.key} title={c.hint}>
            <span class="counter-label">{c.label}</span>
            <span class="counter-value">{fmtInt(c.value)}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
