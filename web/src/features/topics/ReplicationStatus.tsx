import { Match, Switch } from 'solid-js';
import type { TopicSummary } from '../../api/topics';

/** The topic list's status cell: the worst of offline, under min ISR, under-replicated; else ok. */
export function ReplicationStatus(props: { topic: TopicSummary }) {
  return (
    <Switch fallback={<span class="muted">ok</span>}>
      <Match when={props.topic.offline}>
        <span class="badge badge-error" title="Some partitions have no leader: unavailable for reads and writes">
          offline
        </span>
      </Match>
      <Match when={props.topic.underMinIsr}>
        <span class="badge badge-error" title="Some partitions have fewer in-sync replicas than min.insync.replicas: acks=all producers fail">
          under min ISR
        </span>
      </Match>
      <Match when={props.topic.underReplicated}>
        <span class="badge badge-degraded" title="Some partitions have fewer in-sync replicas than the replication factor">
          under-replicated
        </span>
      </Match>
      <Match when={props.topic.underMinIsr === null}>
        <span class="muted" title="min.insync.replicas could not be read, so acks=all health is unknown">
          ok, min ISR unknown
        </span>
      </Match>
    </Switch>
  );
}
