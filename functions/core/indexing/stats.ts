// Records seen vs indexed per topic, summed from the counters each indexed batch leaves beside
// its messages, and the index storage that sampling saved. Counters and messages go in one write,
// so they are on VictoriaLogs' disk, or lost in a crash of it, together; a batch read again after
// such a crash (its offsets were not committed yet) is counted again, as its messages are stored again.
// The built-in indexer's own status counts only batches durable and committed.
import { streamFilter, type VictoriaLogsClient } from '../victorialogs/index.ts'
import { statsKind } from './document.ts'
import type { TopicIndexStats } from '../../contract/indexing.ts'
export type { TopicIndexStats }

const num = (value: unknown) => {
  const n = Number(value)
  return Number.isFinite(n) ? n : 0
}

export async function readIndexStats(logs: VictoriaLogsClient, cluster: string): Promise<Map<string, TopicIndexStats>> {
  const query = `${streamFilter({ kind: statsKind, cluster })} `
    + '| stats by (topic) sum(seen) seen, sum(indexed) indexed, sum(kept) kept, sum(bytesSeen) bytesSeen, sum(bytesIndexed) bytesIndexed, max(_time) last'
  const out = new Map<string, TopicIndexStats>()
  for await (const row of logs.queryRows(query, { start: '0' })) {
    const bytesSeen = num(row.bytesSeen)
    const bytesIndexed = num(row.bytesIndexed)
    const savedBytes = Math.max(0, bytesSeen - bytesIndexed)
    out.set(String(row.topic), {
      seen: num(row.seen), indexed: num(row.indexed), kept: num(row.kept), bytesSeen, bytesIndexed, savedBytes,
      savedRatio: bytesSeen > 0 ? savedBytes / bytesSeen : 0,
      lastIndexedAt: typeof row.last === 'string' && row.last ? row.last : null,
    })
  }
  return out
}
