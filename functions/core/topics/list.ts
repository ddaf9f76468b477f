// Topic listing: one Metadata request for the whole cluster, then offsets only for the page shown.
import { isOffline, isUnderMinIsr, isUnderReplicated } from '../cluster/brokers.ts'
import { listOffsets, withKafkaTimeout, type KafkaCluster, type TopicInfo } from '../kafka/index.ts'
import { numericTopicConfig } from './configs.ts'
import type { TopicSummary, TopicPage } from '../../contract/topics.ts'
export type { TopicSummary, TopicPage }

export interface TopicListQuery {
  q?: string
  internal?: boolean
  limit: number
  cursor?: string
  /** Only topics this says yes to exist for the caller (scoped roles); unset: all. */
  visible?: ((topic: string) => boolean) | undefined
}

// Kafka 4 reports its internal topics as internal; share-group state is internal by convention too.
const internalName = (name: string) => name.startsWith('__')

export const encodeCursor = (lastName: string) => Buffer.from(lastName, 'utf8').toString('base64url')
export const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8')

function summarize(topic: TopicInfo, messages: number, minIsr: Map<string, number> | null): TopicSummary {
  const partitions = topic.partitions
  const min = minIsr?.get(topic.name) ?? 1
  return {
    name: topic.name,
    partitions: partitions.length,
    replicationFactor: partitions.reduce((max, p) => Math.max(max, p.replicas.length), 0),
    underReplicated: partitions.some(isUnderReplicated),
    offline: partitions.some(isOffline),
    underMinIsr: minIsr === null ? null : partitions.some((p) => isUnderMinIsr(p, min)),
    messages,
    internal: topic.internal || internalName(topic.name),
  }
}

/** Sum of (latest − earliest) offsets per topic: ListOffsets per leader, both specs at once. */
async function countMessages(cluster: KafkaCluster, request: { name: string; partitions: number[] }[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  const scope = request.map((t) => ({ topic: t.name, partitions: t.partitions }))
  const { latest, earliest } = await listOffsets(cluster, scope, { latest: 'latest', earliest: 'earliest' })
  for (const t of request) {
    let sum = 0n
    for (const p of t.partitions) {
      const end = latest.get(t.name, p)
      if (!end) continue
      const start = BigInt(earliest.get(t.name, p)?.offset ?? '0')
      if (BigInt(end.offset) > start) sum += BigInt(end.offset) - start
    }
    counts.set(t.name, Number(sum))
  }
  return counts
}

/**
 * Counts for the page shown. One batched request normally; if it fails (a topic on the page was
 * deleted meanwhile), topics are counted one by one and a topic that cannot be counted shows 0.
 */
async function approximateCounts(cluster: KafkaCluster, topics: TopicInfo[]): Promise<Map<string, number>> {
  const request = topics
    .filter((t) => t.partitions.length > 0)
    .map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partition) }))
  if (request.length === 0) return new Map()
  try {
    return await withKafkaTimeout(countMessages(cluster, request), 10_000, 'Counting messages timed out.')
  } catch {
    const single = await Promise.allSettled(request.map((t) => withKafkaTimeout(countMessages(cluster, [t]), 5_000, `Counting messages of '${t.name}' timed out.`)))
    return new Map(single.flatMap((r) => (r.status === 'fulfilled' ? [...r.value] : [])))
  }
}

export async function listTopics(cluster: KafkaCluster, query: TopicListQuery): Promise<TopicPage> {
  const metadata = await cluster.metadata()
  const needle = query.q?.toLowerCase()
  const after = query.cursor ? decodeCursor(query.cursor) : undefined
  // Topics being deleted are reported with an error code: the snapshot leaves them out.
  const matching = metadata.topics
    .filter((t) => query.internal || !(t.internal || internalName(t.name)))
    .filter((t) => !needle || t.name.toLowerCase().includes(needle))
    .filter((t) => !query.visible || query.visible(t.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const start = after === undefined ? 0 : matching.findIndex((t) => t.name > after)
  const page = start < 0 ? [] : matching.slice(start, start + query.limit)
  // The page's min.insync.replicas in one DescribeConfigs, beside the counts; unread, it is unknown.
  const [counts, minIsr] = await Promise.all([
    approximateCounts(cluster, page),
    page.length === 0 ? new Map<string, number>() : numericTopicConfig(cluster, page.map((t) => t.name), 'min.insync.replicas').catch(() => null),
  ])
  const last = page.at(-1)
  const hasMore = start >= 0 && start + query.limit < matching.length
  return {
    items: page.map((t) => summarize(t, counts.get(t.name) ?? 0, minIsr)),
    total: matching.length,
    nextCursor: hasMore && last ? encodeCursor(last.name) : null,
  }
}
