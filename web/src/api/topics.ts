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

// ---------- topic detail and admin ----------

export interface PartitionInfo {
  partition: number;
  /** -1 (or null) when the partition has no leader, i.e. it is offline. */
  leader: number | null;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** int64 as decimal strings; null when the offset could not be read. */
  earliestOffset: string | null;
  latestOffset: string | null;
}

export interface TopicConfig {
  name: string;
  value: string | null;
  source: string;
  isDefault: boolean;
  sensitive: boolean;
}

export interface TopicDetail {
  name: string;
  internal?: boolean;
  partitions: PartitionInfo[];
  configs: TopicConfig[];
}

const topicPath = (cluster: string, topic: string) => `/api/clusters/${seg(cluster)}/topics/${seg(topic)}`;

export function getTopic(cluster: string, topic: string, signal?: AbortSignal): Promise<TopicDetail> {
  return request<TopicDetail>(topicPath(cluster, topic), { signal });
}

export interface CreateTopicInput {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

export function createTopic(cluster: string, input: CreateTopicInput): Promise<unknown> {
  return request<unknown>(`/api/clusters/${seg(cluster)}/topics`, { method: 'POST', body: input });
}

/** The server insists the confirmation repeats the name, so a stale or mistyped URL cannot delete. */
export function deleteTopic(cluster: string, topic: string, confirm: string): Promise<void> {
  return request<void>(topicPath(cluster, topic), { method: 'DELETE', query: { confirm } });
}

export function addPartitions(cluster: string, topic: string, count: number): Promise<unknown> {
  return request<unknown>(`${topicPath(cluster, topic)}/partitions`, { method: 'POST', body: { count } });
}

export interface ConfigPatch {
  set: Record<string, string>;
  delete: string[];
}

export function patchConfigs(cluster: string, topic: string, patch: ConfigPatch): Promise<{ configs: TopicConfig[] }> {
  return request<{ configs: TopicConfig[] }>(`${topicPath(cluster, topic)}/configs`, { method: 'PATCH', body: patch });
}

export interface PurgeResult {
  partitions: { partition: number; lowWatermark: string }[];
}

export function purgeTopic(cluster: string, topic: string, confirm: string, partitions?: number[]): Promise<PurgeResult> {
  return request<PurgeResult>(`${topicPath(cluster, topic)}/purge`, {
    method: 'POST',
    body: partitions ? { confirm, partitions } : { confirm },
  });
}

/** Messages in a partition: latest − earliest, exact for int64 offsets. Undefined if either is missing or malformed. */
export function messageCount(p: Pick<PartitionInfo, 'earliestOffset' | 'latestOffset'>): bigint | undefined {
  if (p.earliestOffset == null || p.latestOffset == null) return undefined;
  try {
    const n = BigInt(p.latestOffset) - BigInt(p.earliestOffset);
    return n < 0n ? 0n : n;
  } catch {
    // Not a decimal string: show "—" rather than a wrong number.
    return undefined;
  }
}

export type ReplicaRole = 'leader' | 'insync' | 'outofsync' | 'offline' | 'none';

/** A broker's role for one partition. An offline replica is offline even if metadata still names it leader. */
export function replicaRole(p: PartitionInfo, broker: number): ReplicaRole {
  if (p.offlineReplicas.includes(broker)) return 'offline';
  if (p.leader === broker) return 'leader';
  if (!p.replicas.includes(broker)) return 'none';
  return p.isr.includes(broker) ? 'insync' : 'outofsync';
}

export const hasLeader = (p: PartitionInfo): boolean => p.leader != null && p.leader >= 0;
