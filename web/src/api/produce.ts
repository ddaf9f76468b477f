// Produce, and the registry lookups its dialog needs (subjects and their versions, from the
// schema browser's routes).
import { request, seg } from './http';
import type {
  ProduceCompression,
  ProducedMessage,
  ProducePayload,
  ProduceRecordInput,
  ProduceRequest,
  ProduceResult,
} from './contract';

export type { ProduceCompression, ProducedMessage, ProducePayload, ProduceRecordInput, ProduceRequest, ProduceResult };

const clusterPath = (cluster: string) => `/api/clusters/${seg(cluster)}`;

/** Writes the records; nothing is sent when any of them is refused (the problem says which and why). */
export function produceMessages(cluster: string, topic: string, body: ProduceRequest): Promise<ProduceResult> {
  return request<ProduceResult>(`${clusterPath(cluster)}/topics/${seg(topic)}/messages`, { method: 'POST', body });
}

interface SchemaOverview {
  subjects: { subject: string }[];
}

interface SubjectDetail {
  subject: string;
  versions: number[];
  latest: { type: string; version: number };
}

/** Subject names of the cluster's registry (404 SCHEMA_REGISTRY_NOT_CONFIGURED without one). */
export async function listSubjects(cluster: string, signal?: AbortSignal): Promise<string[]> {
  const overview = await request<SchemaOverview>(`${clusterPath(cluster)}/schemas`, { signal });
  return overview.subjects.map((s) => s.subject);
}

/** A subject's versions, oldest first, and the latest one's schema type. */
export async function subjectVersions(cluster: string, subject: string, signal?: AbortSignal): Promise<{ versions: number[]; type: string }> {
  const detail = await request<SubjectDetail>(`${clusterPath(cluster)}/schemas/subjects/${seg(subject)}`, { signal });
  return { versions: detail.versions, type: detail.latest.type };
}
