// History search over the indexed messages of one cluster: the result stream, the histogram
// and facets, each scoped and capped (see scope.ts).
import type { Readable } from 'node:stream'
import { histogramStep, searchLimit, searchQuery, searchWindow, selectForm, type SearchWindow } from './scope.ts'
import { select, selectJson } from './select.ts'

export interface SearchInput {
  query?: string
  start?: string
  end?: string
  limit?: string
  step?: string
}

/** Newest first, at most `limit` rows, as VictoriaLogs' JSON lines: the body is passed on unread. */
export async function searchStream(baseUrl: string, cluster: string, input: SearchInput, signal?: AbortSignal): Promise<{ body: Readable; window: SearchWindow; limit: number }> {
  const window = searchWindow(input.start, input.end)
  const limit = searchLimit(input.limit)
  const form = selectForm(cluster, searchQuery(input.query), window)
  form.set('limit', String(limit))
  return { body: await select(baseUrl, '/select/logsql/query', form, signal), window, limit }
}

export interface Histogram {
  start: string
  end: string
  stepMs: number
  buckets: { time: string; hits: number }[]
  total: number
}

interface HitsResponse {
  hits?: { timestamps?: string[]; values?: number[]; total?: number }[]
}

export async function searchHits(baseUrl: string, cluster: string, input: SearchInput, signal?: AbortSignal): Promise<Histogram> {
  const window = searchWindow(input.start, input.end)
  const stepMs = histogramStep(input.step, window)
  const form = selectForm(cluster, searchQuery(input.query), window)
  form.set('step', `${stepMs}ms`)
  const response = await selectJson<HitsResponse>(baseUrl, '/select/logsql/hits', form, signal)
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

export interface Facets {
  fields: { name: string; values: { value: string; hits: number }[] }[]
}

interface FacetsResponse {
  facets?: { field_name: string; values: { field_value: string; hits: number }[] }[]
}

/** Fields every indexed message has by construction say nothing; they are left out. */
const unhelpful = new Set(['_msg', '_stream', '_stream_id', '_time', 'kind', 'cluster', 'offset', 'valueBytes', 'valueEncoding', 'keyEncoding'])

export async function searchFacets(baseUrl: string, cluster: string, input: SearchInput & { values?: string }, signal?: AbortSignal): Promise<Facets> {
  const window = searchWindow(input.start, input.end)
  const form = selectForm(cluster, searchQuery(input.query), window)
  form.set('limit', String(Math.min(20, Math.max(1, Number(input.values) || 10))))
  const response = await selectJson<FacetsResponse>(baseUrl, '/select/logsql/facets', form, signal)
  return {
    fields: (response.facets ?? []).filter((f) => !unhelpful.has(f.field_name)).map((f) => ({
      name: f.field_name, values: f.values.map((v) => ({ value: v.field_value, hits: Number(v.hits) })),
    })),
  }
}
