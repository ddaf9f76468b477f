// The consumer groups reading one topic, with their lag: the topic page's "Consumers". Groups are
// found by their commits on the topic (one ListGroups and batched OffsetFetch, as the sampler
// does), so only the groups found are described; a group assigned the topic that has never
// committed on it is not listed.
import { describeGroupMembers, findTopic, listGroups, listOffsets, type KafkaCluster } from '../kafka/index.ts'
import { numericTopicConfig } from '../topics/configs.ts'
import { atRiskShare } from './detail.ts'
import { commitsOfGroups, lagOfCommits } from './lag.ts'
import type { TopicConsumer, TopicConsumerList } from '../../contract/groups.ts'
export type { TopicConsumer, TopicConsumerList }

export async function topicConsumers(cluster: KafkaCluster, topic: string, now = Date.now()): Promise<TopicConsumerList> {
  const metadata = await cluster.metadata()
  const partitions = findTopic(metadata, topic).partitions.map((p) => p.partition)
  const [groups, retention] = await Promise.all([listGroups(cluster), numericTopicConfig(cluster, [topic], 'retention.ms')])
  const retentionMs = retention.get(topic) ?? null
  const committed = await commitsOfGroups(cluster, groups.map((g) => g.groupId), { topic, parallel: 4 })
  if (committed.length === 0) return { topic, partitions: partitions.length, retentionMs, items: [] }
  const reading = new Set(committed.map((c) => c.groupId))
  const listed = groups.filter((g) => reading.has(g.groupId))
  const [offsets, members] = await Promise.all([
    listOffsets(cluster, [{ topic, partitions }], { earliest: 'earliest', latest: 'latest', newest: 'maxTimestamp' }, metadata),
    describeGroupMembers(cluster, listed),
  ])
  const lags = await lagOfCommits(cluster, metadata, offsets, committed, new Map(listed.map((g) => [g.groupId, g.state])), 10_000, now)
  const type = new Map(listed.map((g) => [g.groupId, g.type]))
  const items = lags.map((l): TopicConsumer => ({
    groupId: l.groupId, state: l.state, type: type.get(l.groupId) ?? 'classic', members: members.get(l.groupId)?.length ?? 0,
    committedPartitions: l.partitions, lag: l.lag, oldestUnreadAgeMs: l.oldestUnreadAgeMs, lagMs: l.maxLagMs, deletedUnread: l.deletedUnread,
    atRisk: l.deletedUnread > 0 || (l.oldestUnreadAgeMs !== null && retentionMs !== null && retentionMs > 0 && l.oldestUnreadAgeMs >= retentionMs * atRiskShare),
  })).sort((a, b) => b.lag - a.lag || a.groupId.localeCompare(b.groupId))
  return { topic, partitions: partitions.length, retentionMs, items }
}
