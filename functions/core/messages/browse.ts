// Browse: the latest N records, or from an offset or a time, on one or all partitions, read with
// plain Fetch requests (no consumer group) up to the end of the log as it was when asked.
import { invalidInput } from '../errors.ts'
import { fetchRecords, findTopic, listOffsets, PartitionTable, type KafkaCluster, type ListedOffset, type OffsetSpec, type RawRecord } from '../kafka/index.ts'
import { plainDecoder, type MessageDecoder, type MessageItem } from './decode.ts'

export interface BrowseQuery {
  partition?: number
  offset?: bigint
  timestamp?: number
  limit: number
  valueCap: number
  /** Registry-aware decoding (the cluster's schema registry); plain decoding without. */
  decoder?: MessageDecoder
}

const maxRounds = 50

export async function browseMessages(cluster: KafkaCluster, topic: string, query: BrowseQuery): Promise<{ items: MessageItem[] }> {
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
  }

  const collected = new Map<number, RawRecord[]>(partitions.map((p) => [p, []]))
  const wanted = (p: number) => (collected.get(p)?.length ?? 0) < query.limit && (next.get(p) ?? 0n) < (end.get(p) ?? 0n)
  for (let round = 0; round < maxRounds && partitions.some(wanted); round++) {
    const positions = partitions.filter(wanted).map((p) => ({ topic, partition: p, offset: (next.get(p) as bigint).toString() }))
    const fetched = await fetchRecords(cluster, positions, { metadata, partitionMaxBytes: 512 * 1024 })
    let progressed = false
    for (const result of fetched) {
      const limitOffset = end.get(result.partition) ?? 0n
      const records = result.records.filter((r) => BigInt(r.offset) < limitOffset)
      collected.get(result.partition)?.push(...records)
      const advanced = BigInt(result.nextOffset)
      if (advanced > (next.get(result.partition) ?? 0n)) progressed = true
      // Compacted or transactional gaps: skip to what the broker says comes next.
      next.set(result.partition, advanced > limitOffset ? limitOffset : advanced)
    }
    if (!progressed) break
  }

  const records = [...collected.values()].flatMap((list) => (newestFirst ? list.slice(-query.limit) : list.slice(0, query.limit)))
  records.sort((a, b) => (newestFirst ? b.timestamp - a.timestamp : a.timestamp - b.timestamp) || a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1))
  const page = records.slice(0, query.limit)
  const decoder = query.decoder ?? plainDecoder
  await decoder.prepare(page)
  return { items: page.map((r) => decoder.decode(r).item(query.valueCap)) }
}
