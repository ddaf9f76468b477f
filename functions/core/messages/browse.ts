// Browse: the newest N records, or from an offset or a time, on one or all partitions, read with
// plain Fetch requests (no consumer group), optionally filtered on the server, and continued
// page after page with a cursor ("load more").
//
// Newest first reads each partition backwards in windows ending at its end (then at the window's
// start, and so on), so "newest" means the newest records of every partition, merged by time, not
// the first page turned round; filtered, it keeps stepping back until enough records match.
// Every request is bounded: at most `maxScan` records and `maxMs` of reading; what it did not
// reach is where the cursor continues.
import { invalidInput } from '../errors.ts'
import { fetchRecords, findTopic, listOffsets, PartitionTable, type KafkaCluster, type ListedOffset, type OffsetSpec, type RawRecord, type ClusterSnapshot } from '../kafka/index.ts'
import type { BrowsePredicate } from './browse-filter.ts'
import { plainDecoder, type MessageDecoder, type MessageItem } from './decode.ts'

export interface BrowseQuery {
  partition?: number
  offset?: bigint
  timestamp?: number
  limit: number
  valueCap: number
  /** Registry-aware decoding (the cluster's schema registry); plain decoding without. */
  decoder?: MessageDecoder
  /** Only records it says yes to (tested on the raw record while scanning). */
  filter?: BrowsePredicate | undefined
  /** Continue where a previous page ended (its `nextCursor`); replaces offset, timestamp and partition. */
  cursor?: string | undefined
  /** Records read at most by this request (the scan bound). */
  maxScan?: number
  /** Time spent reading at most, in ms. */
  maxMs?: number
}

export interface BrowseResult {
  items: MessageItem[]
  /** Pass back as `cursor` for the next page; null when the range is exhausted. */
  nextCursor: string | null
  /** Records read to answer (more than `items` when filtering). */
  scanned: number
  /** The scan stopped at its bound before the page was full: the cursor continues it. */
  scanLimited: boolean
}

type Direction = 'forward' | 'backward'

interface Cursor {
  direction: Direction
  /** Forward: the next offset to read; backward: the (exclusive) end of what is still unread. */
  positions: Map<number, bigint>
}

const defaultMaxScan = 50_000
const defaultMaxMs = 10_000
const maxRounds = 400
const partitionMaxBytes = 512 * 1024

export function encodeBrowseCursor(cursor: Cursor): string {
  const p = [...cursor.positions].sort(([a], [b]) => a - b).map(([partition, offset]) => [partition, offset.toString()])
  return Buffer.from(JSON.stringify({ d: cursor.direction === 'forward' ? 'f' : 'b', p }), 'utf8').toString('base64url')
}

export function decodeBrowseCursor(text: string): Cursor {
  const bad = () => invalidInput('cursor: not a browse cursor from this API; load the first page again.')
  let parsed: { d?: unknown; p?: unknown }
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as typeof parsed
  } catch {
    throw bad()
  }
  if ((parsed.d !== 'f' && parsed.d !== 'b') || !Array.isArray(parsed.p) || parsed.p.length === 0) throw bad()
  const positions = new Map<number, bigint>()
  for (const entry of parsed.p as unknown[]) {
    if (!Array.isArray(entry) || !Number.isInteger(entry[0]) || typeof entry[1] !== 'string' || !/^\d{1,19}$/.test(entry[1])) throw bad()
    positions.set(entry[0] as number, BigInt(entry[1]))
  }
  return { direction: parsed.d === 'f' ? 'forward' : 'backward', positions }
}

const offsetOf = (r: RawRecord) => BigInt(r.offset)
const byTimeAsc = (a: RawRecord, b: RawRecord) => a.timestamp - b.timestamp || a.partition - b.partition || (offsetOf(a) < offsetOf(b) ? -1 : 1)
const byTimeDesc = (a: RawRecord, b: RawRecord) => b.timestamp - a.timestamp || a.partition - b.partition || (offsetOf(a) > offsetOf(b) ? -1 : 1)

export async function browseMessages(cluster: KafkaCluster, topic: string, query: BrowseQuery): Promise<BrowseResult> {
  const metadata = await cluster.metadata([topic])
  const all = findTopic(metadata, topic).partitions.map((p) => p.partition).sort((a, b) => a - b)
  const cursor = query.cursor === undefined ? undefined : decodeBrowseCursor(query.cursor)
  const chosen = cursor ? [...cursor.positions.keys()].sort((a, b) => a - b) : query.partition === undefined ? all : [query.partition]
  const unknown = chosen.filter((p) => !all.includes(p))
  if (unknown.length > 0) throw invalidInput(`partition: '${topic}' has no partition ${unknown.join(', ')} (it has ${all.length}).`)

  const scope = [{ topic, partitions: chosen }]
  // One ListOffsets round per leader for every spec, on the metadata already in hand.
  const specs: Record<string, OffsetSpec> = { earliest: 'earliest', latest: 'latest' }
  if (!cursor && query.timestamp !== undefined) specs.byTime = { timestamp: query.timestamp }
  const offsets = await listOffsets(cluster, scope, specs, metadata)
  const low = new Map(chosen.map((p) => [p, BigInt((offsets.earliest as PartitionTable<ListedOffset>).get(topic, p)?.offset ?? '0')]))
  const high = new Map(chosen.map((p) => [p, BigInt((offsets.latest as PartitionTable<ListedOffset>).get(topic, p)?.offset ?? '0')]))
  const byTime = offsets.byTime ?? new PartitionTable<ListedOffset>()
  const clamp = (p: number, o: bigint) => (o < (low.get(p) as bigint) ? (low.get(p) as bigint) : o > (high.get(p) as bigint) ? (high.get(p) as bigint) : o)

  const direction: Direction = cursor?.direction ?? (query.offset === undefined && query.timestamp === undefined ? 'backward' : 'forward')
  const start = new Map<number, bigint>()
  for (const p of chosen) {
    if (cursor) start.set(p, clamp(p, cursor.positions.get(p) as bigint))
    else if (direction === 'backward') start.set(p, high.get(p) as bigint)
    else if (query.offset !== undefined) start.set(p, clamp(p, query.offset))
    else {
      const found = BigInt(byTime.get(topic, p)?.offset ?? '-1')
      start.set(p, found < 0n ? (high.get(p) as bigint) : found)
    }
  }

  const budget = { scanned: 0, maxScan: query.maxScan ?? defaultMaxScan, deadline: Date.now() + (query.maxMs ?? defaultMaxMs) }
  const scan = direction === 'forward'
    ? await scanForward(cluster, metadata, topic, chosen, start, high, query, budget)
    : await scanBackward(cluster, metadata, topic, chosen, start, low, query, budget)

  const records = [...scan.collected.values()].flat().sort(direction === 'forward' ? byTimeAsc : byTimeDesc)
  const page = records.slice(0, query.limit)
  // Where each partition continues: at its first record left off this page, else where the scan got to.
  const positions = new Map<number, bigint>()
  for (const p of chosen) {
    const cut = records.slice(query.limit).filter((r) => r.partition === p).map(offsetOf)
    const reached = scan.reached.get(p) as bigint
    if (direction === 'forward') positions.set(p, cut.length ? cut.reduce((a, b) => (a < b ? a : b)) : reached)
    else positions.set(p, cut.length ? cut.reduce((a, b) => (a > b ? a : b)) + 1n : reached)
  }
  const more = chosen.some((p) => direction === 'forward' ? (positions.get(p) as bigint) < (high.get(p) as bigint) : (positions.get(p) as bigint) > (low.get(p) as bigint))
  const decoder = query.decoder ?? plainDecoder
  await decoder.prepare(page)
  return {
    items: page.map((r) => decoder.decode(r).item(query.valueCap)),
    nextCursor: more ? encodeBrowseCursor({ direction, positions }) : null,
    scanned: budget.scanned,
    scanLimited: scan.limited && page.length < query.limit,
  }
}

interface Budget { scanned: number; maxScan: number; deadline: number }
interface Scan { collected: Map<number, RawRecord[]>; reached: Map<number, bigint>; limited: boolean }

const exhausted = (b: Budget) => b.scanned >= b.maxScan || Date.now() > b.deadline

/** From each partition's start up to its end as it was when asked, until `limit` match per partition. */
async function scanForward(cluster: KafkaCluster, metadata: ClusterSnapshot, topic: string, partitions: number[], start: Map<number, bigint>, end: Map<number, bigint>, query: BrowseQuery, budget: Budget): Promise<Scan> {
  const next = new Map(start)
  const collected = new Map<number, RawRecord[]>(partitions.map((p) => [p, []]))
  const wanted = (p: number) => (collected.get(p)?.length ?? 0) < query.limit && (next.get(p) as bigint) < (end.get(p) as bigint)
  let limited = false
  for (let round = 0; round < maxRounds && partitions.some(wanted); round++) {
    if (exhausted(budget)) {
      limited = true
      break
    }
    const positions = partitions.filter(wanted).map((p) => ({ topic, partition: p, offset: (next.get(p) as bigint).toString() }))
    const fetched = await fetchRecords(cluster, positions, { metadata, partitionMaxBytes })
    let progressed = false
    for (const result of fetched) {
      const limitOffset = end.get(result.partition) as bigint
      const records = result.records.filter((r) => offsetOf(r) < limitOffset)
      budget.scanned += records.length
      collected.get(result.partition)?.push(...(query.filter ? records.filter(query.filter) : records))
      const advanced = BigInt(result.nextOffset)
      if (advanced > (next.get(result.partition) as bigint)) progressed = true
      // Compacted or transactional gaps: skip to what the broker says comes next.
      next.set(result.partition, advanced > limitOffset ? limitOffset : advanced)
    }
    if (!progressed) break
  }
  // A partition keeps only its first `limit` matches; the rest are read again by the next page.
  for (const [p, list] of collected) {
    if (list.length > query.limit) {
      next.set(p, offsetOf(list[query.limit] as RawRecord))
      list.length = query.limit
    }
  }
  return { collected, reached: next, limited }
}

/**
 * Backwards from each partition's end: a window below the unread end is read forwards, its
 * matches kept, then the next window below it (twice as wide while nothing fills the page).
 */
async function scanBackward(cluster: KafkaCluster, metadata: ClusterSnapshot, topic: string, partitions: number[], end: Map<number, bigint>, low: Map<number, bigint>, query: BrowseQuery, budget: Budget): Promise<Scan> {
  const upper = new Map(end) // exclusive end of what is still unread
  const collected = new Map<number, RawRecord[]>(partitions.map((p) => [p, []]))
  const step = new Map(partitions.map((p) => [p, BigInt(query.limit)]))
  const windows = new Map<number, { from: bigint; to: bigint; at: bigint; records: RawRecord[] }>()
  const wanted = (p: number) => windows.has(p) || ((collected.get(p)?.length ?? 0) < query.limit && (upper.get(p) as bigint) > (low.get(p) as bigint))
  const open = (p: number) => {
    const to = upper.get(p) as bigint
    const width = step.get(p) as bigint
    const from = to - width > (low.get(p) as bigint) ? to - width : (low.get(p) as bigint)
    windows.set(p, { from, to, at: from, records: [] })
  }
  let limited = false
  for (let round = 0; round < maxRounds && partitions.some(wanted); round++) {
    if (exhausted(budget)) {
      limited = true
      break
    }
    for (const p of partitions) if (!windows.has(p) && wanted(p)) open(p)
    const positions = [...windows].map(([p, w]) => ({ topic, partition: p, offset: w.at.toString() }))
    const fetched = await fetchRecords(cluster, positions, { metadata, partitionMaxBytes })
    for (const result of fetched) {
      const w = windows.get(result.partition)
      if (!w) continue
      const records = result.records.filter((r) => offsetOf(r) >= w.from && offsetOf(r) < w.to)
      budget.scanned += records.length
      w.records.push(...(query.filter ? records.filter(query.filter) : records))
      const advanced = BigInt(result.nextOffset)
      // No progress (an error, or nothing more below the end): the window is as read as it gets.
      w.at = advanced > w.at && result.error === null ? advanced : w.to
      if (w.at >= w.to) {
        const list = collected.get(result.partition) as RawRecord[]
        list.unshift(...w.records)
        upper.set(result.partition, w.from)
        windows.delete(result.partition)
        if (list.length < query.limit) step.set(result.partition, (step.get(result.partition) as bigint) * 2n > 100_000n ? 100_000n : (step.get(result.partition) as bigint) * 2n)
      }
    }
  }
  // A window left half-read counts as unread: the next page reads it again from its end.
  windows.clear()
  for (const [p, list] of collected) {
    if (list.length > query.limit) {
      const dropped = list.splice(0, list.length - query.limit)
      upper.set(p, offsetOf(dropped.at(-1) as RawRecord) + 1n)
    }
  }
  return { collected, reached: upper, limited }
}
