import { ApiProblem, buildUrl, request, seg, type ProblemCode } from './http';
import type { BrowseFilterField, BrowseFilterKind, Encoding, MessageHeader, MessageItem, MessagePage, Problem, TailEnd, TailError, TailStats } from './contract';

export type { BrowseFilterField, BrowseFilterKind, Encoding, MessageHeader, MessageItem, MessagePage, TailEnd, TailError, TailStats };

export interface BrowseQuery {
  partition?: number;
  /** Decimal offset: read ascending from it (per partition). */
  offset?: string;
  /** RFC 3339: read ascending from the first record at or after it. */
  timestamp?: string;
  limit?: number;
  /** Applied on the server while it reads (a bounded scan). */
  filter?: string;
  filterField?: BrowseFilterField;
  filterKind?: BrowseFilterKind;
  header?: string;
  /** The previous page's nextCursor: the next page of the same read. */
  cursor?: string;
}

const topicPath = (cluster: string, topic: string) => `/api/clusters/${seg(cluster)}/topics/${seg(topic)}`;

/** Without offset or timestamp the server answers the latest `limit` records, newest first. */
export function browseMessages(
  cluster: string,
  topic: string,
  query: BrowseQuery,
  signal?: AbortSignal,
): Promise<MessagePage> {
  return request<MessagePage>(`${topicPath(cluster, topic)}/messages`, {
    query: {
      partition: query.partition,
      offset: query.offset,
      timestamp: query.timestamp,
      limit: query.limit,
      filter: query.filter || undefined,
      filterField: query.filter ? query.filterField : undefined,
      filterKind: query.filter ? query.filterKind : undefined,
      header: query.filter && query.filterField === 'header' ? query.header || undefined : undefined,
      cursor: query.cursor,
    },
    signal,
  });
}

// ---------- live tail (server-sent events) ----------

/** A warning over the live tail: the server's `error` event, or one the browser raises itself. */
export type TailProblem = Pick<TailError, 'title' | 'detail' | 'retryable'> & { code: ProblemCode };

export interface TailQuery {
  q?: string;
  partitions?: number[];
}

export function tailUrl(cluster: string, topic: string, query: TailQuery): string {
  return buildUrl(`${topicPath(cluster, topic)}/tail`, {
    q: query.q,
    partitions: query.partitions?.length ? query.partitions.join(',') : undefined,
    // Several records per event (`messages`): one event per record is more than a browser keeps up with at thousands a second.
    batch: '1',
  });
}

/**
 * EventSource reports a refused stream (400 bad regex, 404 topic, 401) without
 * status or body. Asking again with fetch recovers the problem detail; should
 * the stream open this time after all, it is dropped at once.
 */
export async function explainTailFailure(url: string): Promise<ApiProblem> {
  const ctrl = new AbortController();
  const generic = (detail: string) =>
    new ApiProblem({ type: 'about:blank', title: 'Live tail failed', status: 0, detail, code: 'TAIL_FAILED' });
  try {
    const res = await fetch(url, {
      headers: { Accept: 'text/event-stream, application/problem+json' },
      credentials: 'same-origin',
      signal: ctrl.signal,
    });
    if (res.ok) {
      ctrl.abort();
      return generic('The connection to the live tail was lost and could not be re-established.');
    }
    if (res.status === 401) {
      // The shared request helper owns the 401 → login redirect; let it see one.
      await request('/api/session').catch(() => undefined);
    }
    let body: Partial<Problem> = {};
    try {
      const parsed: unknown = JSON.parse(await res.text());
      if (parsed && typeof parsed === 'object') body = parsed as Partial<Problem>;
    } catch {
      // Not JSON (a proxy's page): the status alone has to do.
    }
    return new ApiProblem({
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: typeof body.title === 'string' ? body.title : `HTTP ${res.status}`,
      status: res.status,
      detail: typeof body.detail === 'string' ? body.detail : `The live tail was refused with HTTP ${res.status}.`,
      code: typeof body.code === 'string' ? body.code : `HTTP_${res.status}`,
    });
  } catch (err) {
    return generic(`The server could not be reached (${err instanceof Error ? err.message : String(err)}).`);
  }
}
