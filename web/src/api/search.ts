// History search: the result stream is read line by line as it arrives (the server passes
// VictoriaLogs' JSON lines straight through), so the first hits show before the search ends.
import { ApiProblem, buildUrl, isAbort, request, seg } from './http';
import type { FacetField, Facets, FollowInput, FollowTimeline, Histogram, Problem, SearchCoverage, SearchInput, SearchRow } from './contract';

export type { FacetField, Facets, FollowTimeline, Histogram, SearchCoverage, SearchRow };

/** What a search is over: the LogsQL query and the window (RFC 3339); the stream also takes a row cap. */
export type SearchParams = Required<Pick<SearchInput, 'query' | 'start' | 'end'>> & { limit?: number };

export interface SearchProgress {
  rows: number;
  /** Milliseconds from the request to the first row (undefined: none yet). */
  firstRowMs?: number;
}

const base = (cluster: string) => `/api/clusters/${seg(cluster)}/search`;

async function problemOf(res: Response): Promise<ApiProblem> {
  let raw: Partial<Problem> = {};
  try {
    raw = (await res.json()) as Partial<Problem>;
  } catch {
    // Not a problem document: described from the status below.
  }
  return new ApiProblem({
    type: raw.type ?? 'about:blank',
    title: raw.title ?? (res.statusText || `HTTP ${res.status}`),
    status: raw.status ?? res.status,
    detail: raw.detail ?? `The search failed with HTTP ${res.status}.`,
    code: raw.code ?? `HTTP_${res.status}`,
  });
}

/** Streams rows to `onRows` in arrival order; resolves with the count when the stream ends. */
export async function streamSearch(
  cluster: string,
  params: SearchParams,
  onRows: (rows: SearchRow[], progress: SearchProgress) => void,
  signal?: AbortSignal,
): Promise<SearchProgress> {
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(buildUrl(base(cluster), { ...params }), {
      headers: { Accept: 'application/x-ndjson, application/problem+json' },
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiProblem({ type: 'about:blank', title: 'Network error', status: 0, detail: 'The search could not reach the server.', code: 'NETWORK_ERROR' });
  }
  if (!res.ok || !res.body) throw await problemOf(res);
  const progress: SearchProgress = { rows: 0 };
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += value;
    const cut = pending.lastIndexOf('\n');
    if (cut < 0) continue;
    const rows = pending
      .slice(0, cut)
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as SearchRow);
    pending = pending.slice(cut + 1);
    if (rows.length === 0) continue;
    progress.firstRowMs ??= Math.round(performance.now() - started);
    progress.rows += rows.length;
    onRows(rows, { ...progress });
  }
  if (pending.trim()) {
    progress.firstRowMs ??= Math.round(performance.now() - started);
    progress.rows += 1;
    onRows([JSON.parse(pending) as SearchRow], { ...progress });
  }
  return progress;
}

export function getHits(cluster: string, params: Omit<SearchParams, 'limit'>, signal?: AbortSignal): Promise<Histogram> {
  return request<Histogram>(`${base(cluster)}/hits`, { query: { ...params }, signal });
}

export function getFacets(cluster: string, params: Omit<SearchParams, 'limit'>, signal?: AbortSignal): Promise<Facets> {
  return request<Facets>(`${base(cluster)}/facets`, { query: { ...params }, signal });
}

/** Which topics a search covers (the indexing plan) and which Kafka topics it cannot see. */
export function getCoverage(cluster: string, signal?: AbortSignal): Promise<SearchCoverage> {
  return request<SearchCoverage>(`${base(cluster)}/coverage`, { signal });
}

/** Every indexed record with that key (or field value) across topics, oldest first. */
export function getFollow(cluster: string, params: FollowInput, signal?: AbortSignal): Promise<FollowTimeline> {
  return request<FollowTimeline>(`${base(cluster)}/follow`, { query: { ...params }, signal });
}
