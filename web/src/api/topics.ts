import { request, seg } from './http';

export interface TopicSummary {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Count of under-replicated partitions (a boolean is tolerated too). */
  underReplicated: number | boolean;
  /** Approximate message count; null when the server could not compute it. */
  messages: number | null;
  internal: boolean;
}

export interface TopicPage {
  items: TopicSummary[];
  total: number;
  nextCursor: string | null;
}

export interface TopicQuery {
  q?: string;
  internal?: boolean;
  limit?: number;
  cursor?: string | null;
}

export function listTopics(cluster: string, query: TopicQuery, signal?: AbortSignal): Promise<TopicPage> {
  return request<TopicPage>(`/api/clusters/${seg(cluster)}/topics`, {
    query: {
      q: query.q,
      internal: query.internal ? 'true' : 'false',
      limit: query.limit,
      cursor: query.cursor,
    },
    signal,
  });
}

export function isUnderReplicated(t: TopicSummary): boolean {
  return typeof t.underReplicated === 'number' ? t.underReplicated > 0 : Boolean(t.underReplicated);
}
