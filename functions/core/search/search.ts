// History search over the indexed messages of one cluster: the result stream, the histogram
// and facets, each scoped and capped (see scope.ts).
import type { TopicScope } from '../auth/access.ts'
import type { QueryBody, VictoriaLogsClient } from '../victorialogs/index.ts'
import { histogramStep, scopedOptions, searchLimit, searchQuery, searchWindow, type SearchWindow } from './scope.ts'
import { coverageOf, pinnedFacets, rankFacets } from './facets.ts'
import type { SearchInput, Histogram, Facets, FacetField } from '../../contract/search.ts'
export type { SearchInput, Histogram, Facets }

/** Every topic (the default), or those of a principal's scoped grants. */
const everyTopic: TopicScope = { all: true }

/** Newest first, at most `limit` rows, as VictoriaLogs' JSON lines: the body is passed on unread. */
export async function searchStream(logs: VictoriaLogsClient, cluster: string, input: SearchInput, signal?: AbortSignal, topics: TopicScope = everyTopic): Promise<{ body: QueryBody; window: SearchWindow; limit: number }> {
  const window = searchWindow(input.start, input.end)
  const limit = searchLimit(input.limit)
  const body = await logs.query(searchQuery(input.query), { ...scopedOptions(cluster, window, signal, topics), limit })
  return { body, window, limit }
}

export async function searchHits(logs: VictoriaLogsClient, cluster: string, input: SearchInput, signal?: AbortSignal, topics: TopicScope = everyTopic): Promise<Histogram> {
  const window = searchWindow(input.start, input.end)
  const stepMs = histogramStep(input.step, window)
  const response = await logs.hits(searchQuery(input.query), { ...scopedOptions(cluster, window, signal, topics), step: `${stepMs}ms` })
  const counts = new Map<number, number>()
  let total = 0
  for (const series of response.hits ?? []) {
    series.timestamps?.forEach((time, i) => {
      const at = Date.parse(time)
      const hits = Number(series.values?.[i] ?? 0)
      counts.set(at, (counts.get(at) ?? 0) + hits)
    })
    total += Number(series.total ?? 0)
  }
  // VictoriaLogs only lists buckets with hits, aligned to multiples of the step: fill the gaps.
  const buckets: Histogram['buckets'] = []
  for (let at = Math.floor(window.startMs / stepMs) * stepMs; at < window.endMs; at += stepMs) {
    buckets.push({ time: new Date(at).toISOString(), hits: counts.get(at) ?? 0 })
  }
  return { start: new Date(window.startMs).toISOString(), end: new Date(window.endMs).toISOString(), stepMs, buckets, total }
}

/** Fields every indexed message has by construction say nothing; they are left out. */
const unhelpful = new Set(['_msg', '_stream', '_stream_id', '_time', 'kind', 'cluster', 'offset', 'valueBytes', 'valueEncoding', 'keyEncoding'])

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const row of rows) out.push(row)
  return out
}

export async function searchFacets(logs: VictoriaLogsClient, cluster: string, input: SearchInput & { values?: string }, signal?: AbortSignal, topics: TopicScope = everyTopic): Promise<Facets> {
  const window = searchWindow(input.start, input.end)
  const limit = Math.min(20, Math.max(1, Number(input.values) || 10))
  const query = searchQuery(input.query)
  const options = scopedOptions(cluster, window, signal, topics)
  // One value more than shown tells a field with more values (high cardinality) from a complete one.
  const [response, names] = await Promise.all([
    logs.facets(query, { ...options, limit: limit + 1 }),
    collect(logs.queryRows(`${query} | field_names`, options)),
  ])
  const { total, coverage } = coverageOf(names.map((row) => ({ name: String(row.name), hits: Number(row.hits) })))
  const fields: FacetField[] = (response.facets ?? []).filter((f) => !unhelpful.has(f.field_name)).map((f) => ({
    name: f.field_name,
    values: f.values.slice(0, limit).map((v) => ({ value: v.field_value, hits: Number(v.hits) })),
    coverage: coverage.get(f.field_name) ?? 0,
    more: f.values.length > limit,
  }))
  // VictoriaLogs leaves out fields with very many values; key and topic are shown all the same.
  const missing = pinnedFacets.filter((name) => coverage.has(name) && !fields.some((f) => f.name === name))
  for (const name of missing) {
    const top = await collect(logs.queryRows(`${query} | top ${limit + 1} by (${name})`, options))
    fields.push({
      name,
      values: top.slice(0, limit).map((row) => ({ value: String(row[name] ?? ''), hits: Number(row.hits) })),
      coverage: coverage.get(name) ?? 0,
      more: top.length > limit,
    })
  }
  return { fields: rankFacets(fields), total }
}
