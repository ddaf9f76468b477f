// Where exports read from: browse's range (Kafka, a fetch round at a time) and a history search
// (VictoriaLogs' JSON lines, as they arrive). Both are opened before the first byte is sent, so
// a bad topic, partition or query is a problem answer, not a broken download.
import type { TopicScope } from '../auth/access.ts'
import { invalidInput } from '../errors.ts'
import type { KafkaCluster } from '../kafka/index.ts'
import { browsePages, type BrowseRange } from '../messages/browse-pages.ts'
import type { MessageDecoder } from '../messages/decode.ts'
import { scopedOptions, searchQuery, searchWindow } from '../search/scope.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import type { ExportMode, ExportRow } from '../../contract/export.ts'
import { recordRows, searchRow } from './rows.ts'

export const exportLimits = {
  /** Rows one export carries at most, whatever it asks. */
  maxRows: 1_000_000,
  /** Browse exports: records per partition without a `limit`. */
  defaultBrowseLimit: 10_000,
  /** Search exports without a `limit`. */
  defaultSearchLimit: 10_000,
  /** Browse exports: records turned into rows at a time. */
  rowSlice: 1_000,
  /** Search rows passed on per batch. */
  searchBatch: 500,
  /**
   * A search export may run and wait on its reader this long (VictoriaLogs' own cap, and ours
   * between chunks): it ends when its slowest consumer has taken it, not in a search's 10 s.
   */
  searchTimeoutMs: 300_000,
} as const

/** A source's rows in batches; the first batch is already read (or its failure thrown). */
export type ExportRows = AsyncIterable<readonly ExportRow[]>

/** Reads the first batch now, so a failure to start surfaces before anything is sent. */
async function primed<T>(source: AsyncGenerator<T>): Promise<AsyncIterable<T>> {
  const first = await source.next()
  return (async function* replay() {
    if (first.done) return
    yield first.value
    yield* source
  })()
}

/** At most `max` rows in all, then the source is closed (which stops its reading). */
async function* capped(source: AsyncIterable<readonly ExportRow[]>, max: number): AsyncGenerator<readonly ExportRow[]> {
  let left = max
  for await (const batch of source) {
    const taken = batch.length > left ? batch.slice(0, left) : batch
    left -= taken.length
    if (taken.length > 0) yield taken
    if (left <= 0) return
  }
}

export function exportLimit(limit: string | undefined, fallback: number): number {
  if (limit === undefined || limit === '') return fallback
  const n = Number(limit)
  if (!Number.isInteger(n) || n < 1 || n > exportLimits.maxRows) throw invalidInput(`limit must be a whole number from 1 to ${exportLimits.maxRows.toLocaleString('en')}.`)
  return n
}

export async function browseExport(cluster: KafkaCluster, topic: string, range: BrowseRange, mode: ExportMode, decoder: MessageDecoder, signal?: AbortSignal): Promise<ExportRows> {
  const pages = await browsePages(cluster, topic, range, signal)
  return primed(capped((async function* rows() {
    // Rows made a slice at a time: a fetch round holds up to 512 KiB per partition, and its rows
    // as objects several times that; only the slice being written lives as rows.
    for await (const page of pages) {
      for (let i = 0; i < page.length; i += exportLimits.rowSlice) yield await recordRows(page.slice(i, i + exportLimits.rowSlice), mode, decoder)
    }
  })(), exportLimits.maxRows))
}

export interface SearchExportQuery {
  query?: string | undefined
  start?: string | undefined
  end?: string | undefined
  limit?: string | undefined
}

/** The search's rows as the search answers them (newest first, same scope and window), up to `limit`. */
export async function searchExport(logs: VictoriaLogsClient, cluster: string, input: SearchExportQuery, mode: ExportMode, topics: TopicScope, signal?: AbortSignal): Promise<ExportRows> {
  const window = searchWindow(input.start, input.end)
  const limit = exportLimit(input.limit, exportLimits.defaultSearchLimit)
  const query = searchQuery(input.query)
  const rows = logs.queryRows(query, {
    ...scopedOptions(cluster, window, signal, topics), limit,
    timeout: `${exportLimits.searchTimeoutMs}ms`, timeoutMs: exportLimits.searchTimeoutMs + 10_000,
  })
  return primed((async function* batches() {
    let batch: ExportRow[] = []
    for await (const row of rows) {
      batch.push(searchRow(row, mode))
      if (batch.length >= exportLimits.searchBatch) {
        yield batch
        batch = []
      }
    }
    if (batch.length > 0) yield batch
  })())
}
