import { request, seg } from './http';
import type {
  ConfigChange,
  ConfigChangeResult,
  NewTopic,
  PartitionCountChange,
  PartitionCountResult,
  PartitionDetail,
  PurgeRequest,
  PurgeResult,
  TopicConfig,
  TopicDetail,
  TopicPage,
  TopicSort,
  TopicSummary,
} from './contract';

export type { ConfigChange, NewTopic, PartitionDetail, PurgeResult, TopicConfig, TopicDetail, TopicPage, TopicSort, TopicSummary };

export interface TopicQuery {
  q?: string;
  internal?: boolean;
  limit?: number;
  cursor?: string | null;
  sort?: TopicSort;
  order?: 'asc' | 'desc';
}

export function listTopics(cluster: string, query: TopicQuery, signal?: AbortSignal): Promise<TopicPage> {
  return request<TopicPage>(`/api/clusters/${seg(cluster)}/topics`, {
    query: {
      q: query.q,
      internal: query.internal ? 'true' : 'false',
      limit: query.limit,
      cursor: query.cursor,
      sort: query.sort,
      order: query.order,
    },
    signal,
  });
}

// ---------- topic detail and admin ----------

const topicPath = (cluster: string, topic: string) => `/api/clusters/${seg(cluster)}/topics/${seg(topic)}`;

export function getTopic(cluster: string, topic: string, signal?: AbortSignal): Promise<TopicDetail> {
  return request<TopicDetail>(topicPath(cluster, topic), { signal });
}

export function createTopic(cluster: string, input: NewTopic): Promise<NewTopic> {
  return request<NewTopic>(`/api/clusters/${seg(cluster)}/topics`, { method: 'POST', body: input });
}

/** The server insists the confirmation repeats the name, so a stale or mistyped URL cannot delete. */
export function deleteTopic(cluster: string, topic: string, confirm: string): Promise<void> {
  return request<void>(topicPath(cluster, topic), { method: 'DELETE', query: { confirm } });
}

export function addPartitions(cluster: string, topic: string, count: number): Promise<PartitionCountResult> {
  const body: PartitionCountChange = { count };
  return request<PartitionCountResult>(`${topicPath(cluster, topic)}/partitions`, { method: 'POST', body });
}

export function patchConfigs(cluster: string, topic: string, change: ConfigChange): Promise<ConfigChangeResult> {
  return request<ConfigChangeResult>(`${topicPath(cluster, topic)}/configs`, { method: 'PATCH', body: change });
}

export function purgeTopic(cluster: string, topic: string, confirm: string, partitions?: number[]): Promise<PurgeResult> {
  const body: PurgeRequest = partitions ? { confirm, partitions } : { confirm };
  return request<PurgeResult>(`${topicPath(cluster, topic)}/purge`, { method: 'POST', body });
}

/** Messages in a partition: latest − earliest, exact for int64 offsets (decimal strings). */
export function messageCount(p: Pick<PartitionDetail, 'earliestOffset' | 'latestOffset'>): bigint {
  const n = BigInt(p.latestOffset) - BigInt(p.earliestOffset);
  return n < 0n ? 0n : n;
}

export type ReplicaRole = 'leader' | 'insync' | 'outofsync' | 'offline' | 'none';

/** A broker's role for one partition. An offline replica is offline even if metadata still names it leader. */
export function replicaRole(p: PartitionDetail, broker: number): ReplicaRole {
  if (p.offlineReplicas.includes(broker)) return 'offline';
  if (p.leader === broker) return 'leader';
  if (!p.replicas.includes(broker)) return 'none';
  return p.isr.includes(broker) ? 'insync' : 'outofsync';
}

/** Kafka reports -1 for a partition without a leader (offline). */
export const hasLeader = (p: PartitionDetail): boolean => p.leader >= 0;
