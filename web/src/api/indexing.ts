import { request, requestBlob, seg } from './http';

export interface IndexStats {
  seen: number;
  indexed: number;
  /** Records indexed only because a keep rule matched. */
  kept: number;
  bytesSeen: number;
  bytesIndexed: number;
  savedBytes: number;
  savedRatio: number;
  lastIndexedAt: string | null;
}

export interface TopicIndexing {
  topic: string;
  enabled: boolean;
  sampleRate: number;
  keep: string[];
  maxValueBytes: number;
  extractFields: number;
  updatedAt: string;
  updatedBy: string;
  stats?: IndexStats | null;
}

export interface IndexingPlan {
  cluster: string;
  /** False where the plan is fixed by the deployment: the editor is hidden. */
  writable: boolean;
  defaults: { sampleRate: number; maxValueBytes: number; extractFields: number };
  runners: { builtin: { consumerGroup: string }; vector: { consumerGroup: string; config: string } };
  topics: TopicIndexing[];
  /** Set when the counters could not be read (VictoriaLogs down); the plan is still there. */
  statsError: { code: string; detail: string } | null;
}

export interface TopicIndexingInput {
  enabled: boolean;
  sampleRate: number;
  keep: string[];
  maxValueBytes: number;
  extractFields: number;
}

const base = (cluster: string) => `/api/clusters/${seg(cluster)}/indexing`;

export function getIndexing(cluster: string, signal?: AbortSignal): Promise<IndexingPlan> {
  return request<IndexingPlan>(base(cluster), { signal });
}

export function putTopicIndexing(cluster: string, topic: string, input: TopicIndexingInput): Promise<TopicIndexing> {
  return request<TopicIndexing>(`${base(cluster)}/topics/${seg(topic)}`, { method: 'PUT', body: input });
}

export function removeTopicIndexing(cluster: string, topic: string): Promise<void> {
  return request<void>(`${base(cluster)}/topics/${seg(topic)}`, { method: 'DELETE' });
}

export async function getVectorYaml(cluster: string): Promise<string> {
  return (await requestBlob(`${base(cluster)}/vector.yaml`, { accept: 'text/yaml' })).text();
}

export const vectorYamlUrl = (cluster: string) => `${base(cluster)}/vector.yaml`;
