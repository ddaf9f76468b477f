import { buildUrl, request, requestBlob, seg } from './http';
import type {
  GroupDetail,
  GroupList,
  GroupMember,
  GroupOffsetRow,
  GroupPage,
  GroupSummary,
  ResetPlanRow,
  ResetRequest,
  ResetResult,
  ResetStrategy,
  TopicConsumer,
  TopicConsumerList,
} from './contract';

export type {
  GroupDetail,
  GroupList,
  GroupMember,
  GroupOffsetRow,
  GroupPage,
  GroupSummary,
  ResetPlanRow,
  ResetRequest,
  ResetResult,
  ResetStrategy,
  TopicConsumer,
  TopicConsumerList,
};

const groupsPath = (cluster: string) => `/api/clusters/${seg(cluster)}/groups`;
const groupPath = (cluster: string, group: string) => `${groupsPath(cluster)}/${seg(group)}`;

export function listGroups(cluster: string, signal?: AbortSignal): Promise<GroupList> {
  return request<GroupList>(groupsPath(cluster), { signal });
}

export interface GroupQuery {
  /** Part of the group id (case-insensitive), matched by the server. */
  q: string;
  limit: number;
  cursor: string | null;
}

/** One page of groups in id order (the server pages them: 45,000 groups are never fetched whole). */
export function listGroupPage(cluster: string, query: GroupQuery, signal?: AbortSignal): Promise<GroupPage> {
  return request<GroupPage>(groupsPath(cluster), {
    query: { q: query.q, limit: query.limit, cursor: query.cursor ?? undefined },
    signal,
  });
}

export function getGroup(cluster: string, group: string, signal?: AbortSignal): Promise<GroupDetail> {
  return request<GroupDetail>(groupPath(cluster, group), { signal });
}

/** The groups reading one topic, with their lag (found by their commits on it). */
export function getTopicConsumers(cluster: string, topic: string, signal?: AbortSignal): Promise<TopicConsumerList> {
  return request<TopicConsumerList>(`/api/clusters/${seg(cluster)}/topics/${seg(topic)}/groups`, { signal });
}

// ---------- offset manager ----------

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
