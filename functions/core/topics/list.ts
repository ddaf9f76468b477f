// Topic listing: one Metadata request for the whole cluster, then offsets only for the page shown
// (for every matching topic only when the list is ordered by message count), and sizes from the
// latest storage sample.
import { invalidInput } from '../errors.ts'
import { isOffline, isUnderMinIsr, isUnderReplicated } from '../cluster/brokers.ts'
import { listOffsets, withKafkaTimeout, type KafkaCluster, type TopicInfo } from '../kafka/index.ts'
import { numericTopicConfig } from './configs.ts'
import type { TopicSizeReader } from './sizes.ts'
import type { TopicSizes, TopicSort, TopicSummary, TopicPage } from '../../contract/topics.ts'
export type { TopicSort, TopicSummary, TopicPage }

export type SortOrder = 'asc' | 'desc'

export interface TopicListQuery {
  q?: string
  internal?: boolean
  limit: number
  cursor?: string
  /** Default: by name, ascending. */
  sort?: TopicSort
  order?: SortOrder
  /** Only topics this says yes to exist for the caller (scoped roles); unset: all. */
  visible?: ((topic: string) => boolean) | undefined
  /** Sizes from the storage samples, and how a failure to read them is told (the list goes on without). */
  sizes?: { read: TopicSizeReader; problem: (error: unknown) => NonNullable<TopicSizes['problem']> } | undefined
}

// Kafka 4 reports its internal topics as internal; share-group state is internal by convention too.
const internalName = (name: string) => name.startsWith('__')

export const encodeCursor = (lastName: string) => Buffer.from(lastName, 'utf8').toString('base64url')
export const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8')

type SortKey = string | number | null

/** Where a page ended in a sorted list: the last row's sort value and name (keyset paging, no offsets). */
interface Position { sort: TopicSort; order: SortOrder; key: SortKey; name: string }

function encodePosition(p: Position): string {
  // By name ascending the cursor stays what it always was (the last name), for existing clients.
  if (p.sort === 'name' && p.order === 'asc') return encodeCursor(p.name)
  return Buffer.from(JSON.stringify({ s: p.sort, o: p.order, k: p.key, n: p.name }), 'utf8').toString('base64url')
}

function decodePosition(cursor: string, sort: TopicSort, order: SortOrder): Position {
  const text = decodeCursor(cursor)
  // Topic names cannot contain '{': anything else is a plain by-name cursor.
  if (!text.startsWith('{')) {
    if (sort !== 'name' || order !== 'asc') throw invalidInput('cursor: it belongs to another order of the list; start again from the first page.')
    return { sort, order, key: text, name: text }
  }
  let parsed: { s?: unknown; o?: unknown; k?: unknown; n?: unknown }
  try {
    parsed = JSON.parse(text) as typeof parsed
  } catch {
    throw invalidInput('cursor: not a cursor from this API.')
  }
  if (parsed.s !== sort || parsed.o !== order) throw invalidInput('cursor: it belongs to another order of the list; start again from the first page.')
  const key = parsed.k
  if (typeof parsed.n !== 'string' || !(key === null || typeof key === 'string' || typeof key === 'number')) throw invalidInput('cursor: not a cursor from this API.')
  return { sort, order, key, name: parsed.n }
}

/** Rows without a value (a topic the sample does not know) come last in both orders; ties go by name. */
function compareRows(order: SortOrder) {
  return (a: { key: SortKey; name: string }, b: { key: SortKey; name: string }): number => {
    if (a.key !== b.key) {
      if (a.key === null) return 1
      if (b.key === null) return -1
      const c = a.key < b.key ? -1 : 1
      return order === 'desc' ? -c : c
    }
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  }
}

function summarize(topic: TopicInfo, messages: number, bytes: number | null, minIsr: Map<string, number> | null): TopicSummary {
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
    bytes,
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
  const sort = query.sort ?? 'name'
  const order = query.order ?? 'asc'
  const metadata = await cluster.metadata()
  const needle = query.q?.toLowerCase()
  const after = query.cursor ? decodePosition(query.cursor, sort, order) : undefined
  // Topics being deleted are reported with an error code: the snapshot leaves them out.
  const matching = metadata.topics
    .filter((t) => query.internal || !(t.internal || internalName(t.name)))
    .filter((t) => !needle || t.name.toLowerCase().includes(needle))
    .filter((t) => !query.visible || query.visible(t.name))

  // Ordering by count or size needs the figure of every matching topic, not only the page's.
  const sizes: TopicSizes = { sampledAt: null, problem: null }
  let allCounts: Map<string, number> | undefined
  let allBytes: Map<string, number | null> | undefined
  if (sort === 'messages') {
    const request = matching.filter((t) => t.partitions.length > 0).map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partition) }))
    allCounts = request.length === 0 ? new Map() : await withKafkaTimeout(countMessages(cluster, request), 20_000, 'Counting the messages of every topic timed out; sort by another column.')
  }
  if (sort === 'bytes') {
    if (!query.sizes) throw invalidInput('sort: sizes are not available here.')
    // Without sizes there is nothing to order by: the problem is the answer.
    const read = await query.sizes.read(undefined)
    allBytes = read.bytes
    sizes.sampledAt = read.sampledAt
  }
  const keyOf = (t: TopicInfo): SortKey => {
    switch (sort) {
      case 'partitions': return t.partitions.length
      case 'replicationFactor': return t.partitions.reduce((max, p) => Math.max(max, p.replicas.length), 0)
      case 'messages': return allCounts?.get(t.name) ?? 0
      case 'bytes': return allBytes?.get(t.name) ?? null
      default: return t.name
    }
  }
  const compare = compareRows(order)
  const rows = matching.map((t) => ({ topic: t, name: t.name, key: keyOf(t) })).sort(compare)
  const start = after === undefined ? 0 : rows.findIndex((r) => compare(r, after) > 0)
  const page = start < 0 ? [] : rows.slice(start, start + query.limit)
  const topics = page.map((r) => r.topic)
  // The page's min.insync.replicas in one DescribeConfigs, beside the counts; unread, it is unknown.
  const [counts, minIsr] = await Promise.all([
    allCounts ?? approximateCounts(cluster, topics),
    topics.length === 0 ? new Map<string, number>() : numericTopicConfig(cluster, topics.map((t) => t.name), 'min.insync.replicas').catch(() => null),
  ])
  if (!allBytes && query.sizes) {
    try {
      const read = await query.sizes.read(topics.map((t) => t.name))
      allBytes = read.bytes
      sizes.sampledAt = read.sampledAt
    } catch (error: unknown) {
      sizes.problem = query.sizes.problem(error)
    }
  }
  const last = page.at(-1)
  const hasMore = start >= 0 && start + query.limit < rows.length
  return {
    items: topics.map((t) => summarize(t, counts.get(t.name) ?? 0, allBytes?.get(t.name) ?? null, minIsr)),
    total: rows.length,
    nextCursor: hasMore && last ? encodePosition({ sort, order, key: last.key, name: last.name }) : null,
    sizes,
  }
}
