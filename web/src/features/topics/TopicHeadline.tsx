import { Show } from 'solid-js';
import { hasLeader, messageCount, type TopicDetail } from '../../api/topics';
import { fmtBig, fmtInt } from '../../ui/format';

function summary(t: TopicDetail) {
  const total = t.partitions.reduce((sum, p) => sum + messageCount(p), 0n);
  const rf = Math.max(0, ...t.partitions.map((p) => p.replicas.length));
  const under = t.partitions.filter((p) => p.isr.length < p.replicas.length).length;
  const offline = t.partitions.filter((p) => !hasLeader(p)).length;
  return { total, rf, under, offline };
}

/** One line under the topic's name: partitions, replication, messages, and what is wrong. */
export function TopicHeadline(props: { topic: TopicDetail }) {
  const s = () => summary(props.topic);
  return (
    <span class="page-sub" data-testid="topic-summary">
      {fmtInt(props.topic.partitions.length)} partitions · RF {s().rf} · {fmtBig(s().total)} messages
      <Show when={s().under > 0}>
        <span class="badge badge-degraded">{s().under} under-replicated</span>
      </Show>
      <Show when={s().offline > 0}>
        <span class="badge badge-error">{s().offline} offline</span>
      </Show>
      <Show when={props.topic.internal}>
        <span class="tag">internal</span>
      </Show>
    </span>
  );
}
