import { buildUrl, request, requestBlob, seg } from './http';

export type GroupType = 'classic' | 'consumer';

export interface GroupSummary {
  groupId: string;
  state: string;
  /** "consumer" is the KIP-848 protocol; "classic" the rebalance protocol before it. */
  type: GroupType | string;
  protocolType: string;
  members: number;
  /** Topic names with committed offsets (a bare count is tolerated). */
  topics: string[] | number;
  /** Total lag in messages; null when it could not be computed. */
  lag: number | null;
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  assignments: { topic: string; partitions: number[] }[];
}

export interface GroupOffset {
  topic: string;
  partition: number;
  committedOffset: string | null;
  endOffset: string;
  lag: number;
  lagMs: number | null;
  retentionMs: number | null;
  atRisk: boolean;
}

export interface GroupDetail {
  groupId: string;
  state: string;
  type: GroupType | string;
  members: GroupMember[];
  offsets: GroupOffset[];
  warnings: string[];
}

const groupsPath = (cluster: string) => `/api/clusters/${seg(cluster)}/groups`;
const groupPath = (cluster: string, group: string) => `${groupsPath(cluster)}/${seg(group)}`;

export function listGroups(cluster: string, signal?: AbortSignal): Promise<{ items: GroupSummary[] }> {
  return request<{ items: GroupSummary[] }>(groupsPath(cluster), { signal });
}

export function getGroup(cluster: string, group: string, signal?: AbortSignal): Promise<GroupDetail> {
  return request<GroupDetail>(groupPath(cluster, group), { signal });
}

export function topicCount(g: GroupSummary): number {
  return Array.isArray(g.topics) ? g.topics.length : g.topics;
}

// ---------- offset manager ----------

export type ResetStrategy = 'earliest' | 'latest' | 'offset' | 'timestamp' | 'shift' | 'duration';

export interface ResetRequest {
  strategy: ResetStrategy;
  /** Always a string: offsets are int64, durations are ISO-8601, so the text is sent as typed. */
  value?: string;
  topics?: { topic: string; partitions?: number[] }[];
  execute: boolean;
}

export interface PlanRow {
  topic: string;
  partition: number;
  currentOffset: string | null;
  newOffset: string;
  /** true, or which bound the requested offset was clamped to. */
  clamped?: boolean | 'earliest' | 'latest' | string;
}

export interface ResetResult {
  executed: boolean;
  plan: PlanRow[];
  warnings: string[];
}

export function resetOffsets(cluster: string, group: string, body: ResetRequest): Promise<ResetResult> {
  return request<ResetResult>(`${groupPath(cluster, group)}/offsets/reset`, { method: 'POST', body });
}

/** The same preview as CSV, for a change ticket. Always a dry run. */
export function resetOffsetsCsv(cluster: string, group: string, body: ResetRequest): Promise<Blob> {
  return requestBlob(buildUrl(`${groupPath(cluster, group)}/offsets/reset`, { format: 'csv' }), {
    method: 'POST',
    body: { ...body, execute: false },
    accept: 'text/csv',
  });
}
