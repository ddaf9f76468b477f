// Browse's range read page by page, for exports: every partition in offset order from where browse
// would start (an offset, a time, or the newest `limit` per partition), nothing kept between pages.
// With a browse filter only matching records are exported and count toward `limit`; the scan has
// no bound but the export's row cap.
import { invalidInput, kafkaUnavailable } from '../errors.ts'
import { fetchRecords, findTopic, listOffsets, PartitionTable, type KafkaCluster, type ListedOffset, type OffsetSpec, type RawRecord } from '../kafka/index.ts'
import type { BrowseQuery } from './browse.ts'
import type { BrowsePredicate } from './browse-filter.ts'

/** Where a browse starts and stops: browse's own query without the output options. */
export type BrowseRange = Pick<BrowseQuery, 'partition' | 'offset' | 'timestamp' | 'limit' | 'filter'>

interface BrowseStart {
  metadata: Awaited<ReturnType<KafkaCluster['metadata']>>
  partitions: number[]
  /** Per partition: the next offset to read, and the log end as it was when asked (not read). */
  next: Map<number, bigint>
  end: Map<number, bigint>
  /** Per partition: the earliest offset still in the log. */
  low: Map<number, bigint>
  newestFirst: boolean
}

async function browseStart(cluster: KafkaCluster, topic: string, query: BrowseRange): Promise<BrowseStart> {
  const metadata = await cluster.metadata([topic])
  const all = findTopic(metadata, topic).partitions.map((p) => p.partition).sort((a, b) => a - b)
  if (query.partition !== undefined && !all.includes(query.partition)) {
    throw invalidInput(`partition: '${topic}' has no partition ${query.partition} (it has ${all.length}).`)
  }
  const partitions = query.partition === undefined ? all : [query.partition]
  const scope = [{ topic, partitions }]
  // One ListOffsets round per leader for every spec, on the metadata already in hand.
  const specs: Record<string, OffsetSpec> = { earliest: 'earliest', latest: 'latest' }
  if (query.timestamp !== undefined) specs.byTime = { timestamp: query.timestamp }
  const offsets = await listOffsets(cluster, scope, specs, metadata)
  const earliest = offsets.earliest as PartitionTable<ListedOffset>
  const latest = offsets.latest as PartitionTable<ListedOffset>
  const byTime = offsets.byTime ?? new PartitionTable<ListedOffset>()
  const newestFirst = query.offset === undefined && query.timestamp === undefined

  const next = new Map<number, bigint>()
  const end = new Map<number, bigint>()
  const lowest = new Map<number, bigint>()
  for (const p of partitions) {
    const low = BigInt(earliest.get(topic, p)?.offset ?? '0')
    const high = BigInt(latest.get(topic, p)?.offset ?? '0')
    let start: bigint
    if (query.offset !== undefined) start = query.offset < low ? low : query.offset > high ? high : query.offset
    else if (query.timestamp !== undefined) {
      const found = BigInt(byTime.get(topic, p)?.offset ?? '-1')
      start = found < 0n ? high : found
    } else start = high - BigInt(query.limit) > low ? high - BigInt(query.limit) : low
    next.set(p, start)
    end.set(p, high)
    lowest.set(p, low)
  }
  return { metadata, partitions, next, end, low: lowest, newestFirst }
}

/** One fetch round over the partitions still `wanted`; false when none advanced. */
async function fetchRound(cluster: KafkaCluster, topic: string, at: BrowseStart, wanted: (p: number) => boolean, take: (partition: number, records: RawRecord[]) => void): Promise<boolean> {
  const { metadata, next, end } = at
  const positions = at.partitions.filter(wanted).map((p) => ({ topic, partition: p, offset: (next.get(p) as bigint).toString() }))
  const fetched = await fetchRecords(cluster, positions, { metadata, partitionMaxBytes: 512 * 1024 })
  let progressed = false
  const failed: string[] = []
  for (const result of fetched) {
    if (result.error !== null) failed.push(`partition ${result.partition}: ${result.error}`)
    const limitOffset = end.get(result.partition) ?? 0n
    take(result.partition, result.records.filter((r) => BigInt(r.offset) < limitOffset))
    const advanced = BigInt(result.nextOffset)
    if (advanced > (next.get(result.partition) ?? 0n)) progressed = true
    // Compacted or transactional gaps: skip to what the broker says comes next.
    next.set(result.partition, advanced > limitOffset ? limitOffset : advanced)
  }
  // An export that stops short must fail, not end as if complete (the topic was deleted, a leader is gone).
  if (!progressed && failed.length > 0) throw kafkaUnavailable(`Reading '${topic}' stopped: ${failed.join(', ')}.`)
  return progressed
}

/**
 * Browse's range, read page by page for an export: each fetch round's records, every partition in
 * offset order, at most `limit` per partition, none kept. The start is found before this resolves,
 * so an unknown topic or partition fails here, not in the middle of the pages.
 */
/** Records read back at a time when looking for where the newest `limit` matches begin. */
const stepBack = 5_000

/**
 * Newest first with a filter: where a partition's newest `limit` matches begin. Windows are read
 * backwards from the end, keeping only the offsets of matches in the window at hand, so the pages
 * that follow can still stream forward in offset order.
 */
async function newestMatchesStart(cluster: KafkaCluster, topic: string, at: BrowseStart, partition: number, filter: BrowsePredicate, limit: number, signal?: AbortSignal): Promise<bigint> {
  const low = at.low.get(partition) ?? 0n
  let high = at.end.get(partition) ?? 0n
  let needed = limit
  while (high > low) {
    const from = high - BigInt(stepBack) > low ? high - BigInt(stepBack) : low
    const window: RawRecord[] = []
    const cursor: BrowseStart = { ...at, partitions: [partition], next: new Map([[partition, from]]), end: new Map([[partition, high]]) }
    while ((cursor.next.get(partition) ?? high) < high) {
      signal?.throwIfAborted()
      const progressed = await fetchRound(cluster, topic, cursor, () => true, (_p, records) => {
        for (const r of records) if (filter(r)) window.push(r)
      })
      if (!progressed) break
    }
    if (window.length >= needed) return BigInt((window[window.length - needed] as RawRecord).offset)
    needed -= window.length
    high = from
  }
  return low
}

export async function browsePages(cluster: KafkaCluster, topic: string, query: BrowseRange, signal?: AbortSignal): Promise<AsyncGenerator<RawRecord[]>> {
  const at = await browseStart(cluster, topic, query)
  const { filter } = query
  if (filter && at.newestFirst) {
    for (const p of at.partitions) at.next.set(p, await newestMatchesStart(cluster, topic, at, p, filter, query.limit, signal))
  }
  const counts = new Map<number, number>(at.partitions.map((p) => [p, 0]))
  const wanted = (p: number) => (counts.get(p) ?? 0) < query.limit && (at.next.get(p) ?? 0n) < (at.end.get(p) ?? 0n)
  return (async function* pages() {
    while (at.partitions.some(wanted)) {
      signal?.throwIfAborted()
      const page: RawRecord[] = []
      const progressed = await fetchRound(cluster, topic, at, wanted, (partition, read) => {
        const records = filter ? read.filter(filter) : read
        const taken = records.slice(0, query.limit - (counts.get(partition) ?? 0))
        counts.set(partition, (counts.get(partition) ?? 0) + taken.length)
        page.push(...taken)
      })
      if (page.length > 0) yield page
      if (!progressed) return
    }
  })()
}
