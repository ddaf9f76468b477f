// Exports: browse results and search results as NDJSON, a JSON array or CSV, streamed. The core
// (functions/core/export/) writes text into a sink; here the sink becomes the response body, a
// pull-driven stream: a chunk is made only when the reader has taken the ones before it, so a
// million-row export never sits in memory, and a reader gone away stops the reading from Kafka.
// A failure after the first byte errors the body (the download breaks), so a partial file is
// never mistaken for a whole one.
import { Hono, type Context } from 'hono'
import * as z from 'zod/mini'
import { exportLimits, browseExport, exportLimit, searchExport, type ExportRows } from '../../core/export/sources.ts'
import { exportFilename, rowWriter, type ExportFormat } from '../../core/export/format.ts'
import { writeExport, type ExportSink } from '../../core/export/sink.ts'
import { invalidInput } from '../../core/errors.ts'
import { compileBrowseFilter } from '../../core/messages/browse-filter.ts'
import { topicNameSchema } from '../../core/kafka/index.ts'
import { parseInstantMs } from '../../core/time/parse.ts'
import type { BrowseExportInput, ExportMode, SearchExportInput } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole, topicScope } from '../middleware/access.ts'
import { maxInt64, parseInput } from '../validation.ts'

const formatSchema = z._default(z.enum(['ndjson', 'json', 'csv']), 'ndjson')
const modeSchema = z._default(z.enum(['decoded', 'raw']), 'decoded')

const browseExportQuery = z.object({
  format: formatSchema,
  mode: modeSchema,
  partition: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,6}$/, 'must be a partition number')), z.transform(Number))),
  offset: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,19}$/, 'must be an offset (a whole number)')), z.pipe(z.transform((value: string) => BigInt(value)), z.bigint().check(z.lte(maxInt64, 'is beyond any Kafka offset'))))),
  timestamp: z.optional(z.string().check(z.maxLength(40))),
  limit: z.optional(z.string().check(z.maxLength(10))),
  // Browse's own filter, with browse's bounds.
  filter: z.optional(z.string().check(z.maxLength(500))),
  filterField: z._default(z.enum(['any', 'key', 'value', 'header']), 'any'),
  filterKind: z._default(z.enum(['text', 'regex', 'jsonPath']), 'text'),
  header: z.optional(z.string().check(z.maxLength(200))),
}) satisfies z.ZodMiniType<unknown, BrowseExportInput>

const searchExportQuery = z.object({
  format: formatSchema,
  mode: modeSchema,
  query: z.optional(z.string()),
  start: z.optional(z.string().check(z.maxLength(40))),
  end: z.optional(z.string().check(z.maxLength(40))),
  limit: z.optional(z.string().check(z.maxLength(10))),
}) satisfies z.ZodMiniType<unknown, SearchExportInput>

/** Chunks waiting for the reader at most; beyond, the export waits. */
const queuedChunks = 4

/** A response body the export writes into; write() resolves once the reader wants more. */
function responseSink(onCancel: () => void): { body: ReadableStream<Uint8Array>; sink: ExportSink; close(): void; fail(error: unknown): void } {
  const encoder = new TextEncoder()
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let wake: (() => void) | undefined
  let cancelled = false
  const resume = () => {
    const waiting = wake
    wake = undefined
    waiting?.()
  }
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c
    },
    pull: resume,
    cancel: () => {
      cancelled = true
      onCancel()
      resume()
    },
  }, { highWaterMark: queuedChunks })
  const sink: ExportSink = {
    async write(chunk) {
      if (cancelled) return
      controller.enqueue(encoder.encode(chunk))
      if ((controller.desiredSize ?? 0) <= 0) await new Promise<void>((resolve) => (wake = resolve))
    },
  }
  return {
    body,
    sink,
    close: () => {
      if (!cancelled) controller.close()
    },
    fail: (error) => {
      if (!cancelled) controller.error(error)
    },
  }
}

function streamExport(c: Context<AppEnv>, rows: ExportRows, format: ExportFormat, name: string, abort: AbortController): Response {
  const { body, sink, close, fail } = responseSink(() => abort.abort())
  writeExport(rows, format, sink, abort.signal).then(close, (error: unknown) => {
    if (!abort.signal.aborted) c.var.deps.logError?.(error)
    fail(error)
  })
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': rowWriter(format).contentType,
      'content-disposition': `attachment; filename="${exportFilename(name, format)}"`,
      'cache-control': 'no-store',
      'x-export-max-rows': String(exportLimits.maxRows),
    },
  })
}

/** Aborted when the client goes away; the export's reading stops with it. */
function requestAbort(c: Context<AppEnv>): AbortController {
  const abort = new AbortController()
  const signal = c.req.raw.signal
  if (signal.aborted) abort.abort()
  else signal.addEventListener('abort', () => abort.abort(), { once: true })
  return abort
}

export const exportRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/topics/:topic/export', requireRole('viewer'), async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    const query = parseInput(browseExportQuery, c.req.query(), 'export query')
    if (query.offset !== undefined && query.timestamp !== undefined) throw invalidInput('Give offset or timestamp, not both.')
    const timestamp = query.timestamp === undefined ? undefined : parseInstantMs(query.timestamp, 'timestamp')
    const limit = exportLimit(query.limit, exportLimits.defaultBrowseLimit)
    const filter = compileBrowseFilter(query.filter === undefined ? undefined : { text: query.filter, field: query.filterField, kind: query.filterKind, header: query.header })
    const abort = requestAbort(c)
    const mode: ExportMode = query.mode
    const rows = await browseExport(cluster, topic, {
      limit, filter,
      ...(query.partition === undefined ? {} : { partition: query.partition }),
      ...(query.offset === undefined ? {} : { offset: query.offset }),
      ...(timestamp === undefined ? {} : { timestamp }),
    }, mode, c.var.deps.schemas.messageDecoder(cluster.id), abort.signal)
    return streamExport(c, rows, query.format, topic, abort)
  })
  .get('/clusters/:cluster/search/export', async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    const query = parseInput(searchExportQuery, c.req.query(), 'export query')
    const abort = requestAbort(c)
    const rows = await searchExport(deps.logs, cluster.id, query, query.mode, topicScope(c, cluster.id), abort.signal)
    return streamExport(c, rows, query.format, `search-${cluster.id}`, abort)
  })
