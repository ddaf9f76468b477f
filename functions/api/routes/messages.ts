// Browse and live tail. The tail's SSE framing, heartbeats, backpressure and streaming limits live
// here, at the edge; functions/core/messages/tail.ts only writes into a sink.
import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import * as z from 'zod/mini'
import type { AppError } from '../../core/errors.ts'
import { invalidInput } from '../../core/errors.ts'
import { findTopic, topicNameSchema } from '../../core/kafka/index.ts'
import { browseMessages } from '../../core/messages/browse.ts'
import { compileBrowseFilter } from '../../core/messages/browse-filter.ts'
import { compileFilter } from '../../core/messages/filter.ts'
import { decodeResumeToken } from '../../core/messages/resume.ts'
import { TailStop, type StreamLimit, type TailSink } from '../../core/messages/tail.ts'
import { parseInstantMs } from '../../core/time/parse.ts'
import type { MessageItem, MessagePage, TailEnd, TailError } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/access.ts'
import { toProblem } from '../problem.ts'
import { BoundedQueue, formatSse, StreamBudget } from '../sse.ts'
import { maxInt64, parseInput } from '../validation.ts'

const wholeNumber = (max: number) => z.pipe(z.string().check(z.regex(/^\d{1,10}$/, 'must be a whole number')), z.pipe(z.transform(Number), z.number().check(z.lte(max))))

const browseQuery = z.object({
  partition: z.optional(wholeNumber(100_000)),
  offset: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,19}$/, 'must be an offset (a whole number)')), z.pipe(z.transform((value: string) => BigInt(value)), z.bigint().check(z.lte(maxInt64, 'is beyond any Kafka offset'))))),
  timestamp: z.optional(z.string().check(z.maxLength(40))),
  limit: z._default(z.pipe(wholeNumber(500), z.number().check(z.gte(1))), 50),
  filter: z.optional(z.string().check(z.maxLength(500))),
  filterField: z._default(z.enum(['any', 'key', 'value', 'header']), 'any'),
  filterKind: z._default(z.enum(['text', 'regex', 'jsonPath']), 'text'),
  header: z.optional(z.string().check(z.maxLength(200))),
  cursor: z.optional(z.string().check(z.maxLength(20_000), z.regex(/^[A-Za-z0-9_-]+$/, 'not a browse cursor from this API'))),
})

const tailQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(500))),
  partitions: z.optional(z.string().check(z.regex(/^\d{1,6}(,\d{1,6})*$/, 'a comma-separated list of partition numbers'))),
  lastEventId: z.optional(z.string().check(z.maxLength(100_000))),
  // `1`: records come as `messages` events, several per event (see batchedMessages below).
  batch: z.optional(z.enum(['0', '1'])),
})

/** Values above this are cut in responses (the real size is kept). */
const valueCap = 64 * 1024
const heartbeatMs = 15_000
// Planned ends at Lambda's streaming limits (config.ts): the browser reconnects with the resume token.
const limitDetail: Record<Exclude<StreamLimit, 'duration'>, string> = {
  'response-size': 'The stream ends itself before the response size limit; reconnect with Last-Event-ID to continue.',
  bandwidth: 'The stream ends itself before the bandwidth limit; reconnect with Last-Event-ID to continue.',
}

export const messageRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/topics/:topic/messages', requireRole('viewer'), async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    const query = parseInput(browseQuery, c.req.query(), 'browse query')
    if (query.offset !== undefined && query.timestamp !== undefined) throw invalidInput('Give offset or timestamp, not both.')
    const timestamp = query.timestamp === undefined ? undefined : parseInstantMs(query.timestamp, 'timestamp')
    const filter = compileBrowseFilter(query.filter === undefined ? undefined : { text: query.filter, field: query.filterField, kind: query.filterKind, header: query.header })
    return c.json<MessagePage>(await browseMessages(cluster, topic, {
      limit: query.limit, valueCap, decoder: c.var.deps.schemas.messageDecoder(cluster.id), filter, cursor: query.cursor,
      ...(query.partition === undefined ? {} : { partition: query.partition }),
      ...(query.offset === undefined ? {} : { offset: query.offset }),
      ...(timestamp === undefined ? {} : { timestamp }),
    }))
  })
  .get('/clusters/:cluster/topics/:topic/tail', requireRole('viewer'), async (c) => {
    const { kafka, config, logError, tails } = c.var.deps
    const cluster = kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    const query = parseInput(tailQuery, c.req.query(), 'tail query')
    const filter = compileFilter(query.q)
    const lastEventId = c.req.header('last-event-id') ?? query.lastEventId
    const resume = lastEventId ? decodeResumeToken(lastEventId, topic) : undefined
    const partitions = query.partitions?.split(',').map(Number)
    // Checked before the stream starts, so a bad topic or partition is a plain 404/400 problem.
    const known = findTopic(await cluster.metadata([topic]), topic).partitions.map((p) => p.partition)
    const unknown = (partitions ?? []).filter((p) => !known.includes(p))
    if (unknown.length > 0) throw invalidInput(`partitions: '${topic}' has no partition ${unknown.join(', ')}.`)

    c.header('content-type', 'text/event-stream; charset=utf-8')
    c.header('cache-control', 'no-cache, no-store')
    c.header('x-accel-buffering', 'no')
    return stream(c, async (out) => {
      // Aborted when the client goes away, or with a TailStop when this stream reaches a limit.
      const abort = new AbortController()
      let clientGone = false
      out.onAbort(() => {
        clientGone = true
        abort.abort()
      })
      const queue = new BoundedQueue()
      const budget = config.tailStreamLimits ? new StreamBudget(config.tailStreamLimits) : undefined
      const push = (chunk: string, force: boolean) => {
        if (!queue.push(chunk, force)) return false
        const limit = budget?.spend(Buffer.byteLength(chunk))
        if (limit && !abort.signal.aborted) abort.abort(new TailStop(limit, limitDetail[limit]))
        return true
      }
      const send = (event: string, data: unknown, id?: string, force = true) =>
        push(formatSse({ event, data: JSON.stringify(data), ...(id === undefined ? {} : { id }) }), force)
      const messages = query.batch === '1' ? batchedMessages(queue, push) : undefined
      const sink: TailSink = {
        message: messages ? messages.add : (item, token) => send('message', item, token, false),
        // Control events after the records before them.
        stats: (stats, token) => {
          messages?.flush()
          send('stats', stats, token)
        },
        error: (error: AppError) => {
          messages?.flush()
          send('error', toProblem(error, logError) satisfies TailError)
        },
        // The end carries the resume token too, so a reconnect continues exactly where this stopped.
        end: (end, token) => {
          messages?.flush()
          send('end', end satisfies TailEnd, token)
        },
      }
      push(formatSse({ data: '', event: 'open', retryMs: 1000 }), true)
      const heartbeat = setInterval(() => push(': keep-alive\n\n', true), heartbeatMs)
      const pump = (async () => {
        for (let chunk = await queue.drain(); chunk !== undefined; chunk = await queue.drain()) {
          if (clientGone) break
          await out.write(chunk)
        }
      })()
      try {
        await tails.run(cluster, topic, {
          ...(partitions ? { partitions } : {}), ...(filter ? { filter } : {}), ...(resume ? { resume } : {}),
          maxDurationMs: config.tailMaxDurationMs, valueCap, signal: abort.signal, decoder: c.var.deps.schemas.messageDecoder(cluster.id),
        }, sink)
      } catch (error: unknown) {
        sink.error(error as AppError)
        sink.end({ reason: 'aborted', detail: 'The tail stopped on an error.' })
      } finally {
        clearInterval(heartbeat)
        queue.close()
        await pump.catch(() => {})
      }
    })
  })

const maxBatchItems = 500

/**
 * `?batch=1`: the records one fetch delivers (they are offered synchronously) go out as one
 * `messages` event, data a JSON array of browse items, `id` the resume token after the last. At
 * thousands of records a second one event per record is what a browser cannot keep up with (each
 * is a task of its own on its main thread). A record is accepted only while the queue has room
 * for it, counting those waiting here, so `dropped` means what it means without batching.
 */
function batchedMessages(queue: BoundedQueue, push: (chunk: string, force: boolean) => boolean) {
  let parts: string[] = []
  let bytes = 0
  let token: string | undefined
  let scheduled = false
  const flush = () => {
    scheduled = false
    if (parts.length === 0) return
    const data = `[${parts.join(',')}]`
    parts = []
    bytes = 0
    // Already counted against the queue's bounds when accepted.
    push(formatSse({ event: 'messages', data, ...(token === undefined ? {} : { id: token }) }), true)
  }
  const add = (item: MessageItem, resumeToken: string): boolean => {
    const json = JSON.stringify(item)
    if (queue.size + (parts.length > 0 ? 1 : 0) >= queue.maxItems || queue.bytes + bytes + json.length > queue.maxBytes) return false
    parts.push(json)
    bytes += json.length + 1
    token = resumeToken
    if (parts.length >= maxBatchItems) flush()
    else if (!scheduled) {
      scheduled = true
      queueMicrotask(flush)
    }
    return true
  }
  return { add, flush }
}
