// The schema browser: a cluster registry's subjects, their versions and texts, and the topics using them.
import { request, seg } from './http';
import type { SchemaInfo, SchemaOverview, SchemaOwner, SchemaTopicUse, SchemaVersionDetail, SubjectDetail } from './contract';

export type { SchemaInfo, SchemaOverview, SchemaOwner, SchemaTopicUse, SchemaVersionDetail, SubjectDetail };

const base = (cluster: string) => `/api/clusters/${seg(cluster)}/schemas`;

export function listSubjects(cluster: string, signal?: AbortSignal): Promise<SchemaOverview> {
  return request<SchemaOverview>(base(cluster), { signal });
}

export function getSubject(cluster: string, subject: string, signal?: AbortSignal): Promise<SubjectDetail> {
  return request<SubjectDetail>(`${base(cluster)}/subjects/${seg(subject)}`, { signal });
}

export function getSchemaVersion(cluster: string, subject: string, version: number | 'latest', signal?: AbortSignal): Promise<SchemaVersionDetail> {
  return request<SchemaVersionDetail>(`${base(cluster)}/subjects/${seg(subject)}/versions/${version}`, { signal });
}

/** The subject and version registered with a schema id (Confluent) or schema version UUID (Glue). */
export function getSchemaOwner(cluster: string, id: string, signal?: AbortSignal): Promise<SchemaOwner> {
  return request<SchemaOwner>(`${base(cluster)}/ids/${seg(id)}`, { signal });
}

/** The schema page at a subject (and version), e.g. from a decoded message's detail. */
export function schemaHref(cluster: string, subject: string, version?: number): string {
  const q = new URLSearchParams({ subject });
  if (version !== undefined) q.set('version', String(version));
  return `/c/${seg(cluster)}/schemas?${q.toString()}`;
}
