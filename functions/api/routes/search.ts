// History search: LogsQL over the cluster's indexed messages. Results are VictoriaLogs' JSON
// lines passed straight through (nothing buffered), so the first row reaches the browser as
// soon as VictoriaLogs finds it. Scoping and caps live in core/search, error mapping in core/victorialogs.
import { Readable } from 'node:stream'
import { Hono } from 'hono'
import { searchCoverage } from '../../core/search/coverage.ts'
import { followTimeline } from '../../core/search/follow.ts'
import { searchFacets, searchHits, searchStream } from '../../core/search/search.ts'
import type { Facets, FollowTimeline, Histogram, SearchCoverage } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { topicScope, visibleTopics } from '../middleware/access.ts'

export const searchRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/search', async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    const { body, window, limit } = await searchStream(deps.logs, cluster.id, c.req.query(), c.req.raw.signal, topicScope(c, cluster.id))
    return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
      status: 200,
      headers: {
        'content-type': 'application/x-ndjson; charset=utf-8',
        'cache-control': 'no-store',
        // The window and cap actually applied, for a client that sent none.
        'x-search-start': new Date(window.startMs).toISOString(),
        'x-search-end': new Date(window.endMs).toISOString(),
        'x-search-limit': String(limit),
      },
    })
  })
  .get('/clusters/:cluster/search/hits', async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    return c.json<Histogram>(await searchHits(deps.logs, cluster.id, c.req.query(), c.req.raw.signal, topicScope(c, cluster.id)))
  })
  .get('/clusters/:cluster/search/facets', async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    return c.json<Facets>(await searchFacets(deps.logs, cluster.id, c.req.query(), c.req.raw.signal, topicScope(c, cluster.id)))
  })
  // Which topics a search covers (the indexing plan) and which it cannot (the rest of Kafka's).
  .get('/clusters/:cluster/search/coverage', async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    const [plan, metadata] = await Promise.all([deps.planStore.load(cluster.id), cluster.metadata()])
    return c.json<SearchCoverage>(searchCoverage(plan, metadata.topics, visibleTopics(c, cluster.id)))
  })
  // One key (or field value) across every indexed topic, oldest first.
  .get('/clusters/:cluster/search/follow', async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    return c.json<FollowTimeline>(await followTimeline(deps.logs, cluster.id, c.req.query(), c.req.raw.signal, topicScope(c, cluster.id)))
  })
