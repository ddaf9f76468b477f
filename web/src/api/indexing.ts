import { request, requestBlob, seg } from './http';
import type { IndexingOverview, TopicIndexing, TopicIndexStats, TopicPlan, TopicPlanInput } from './contract';

export type { IndexingOverview, TopicIndexing, TopicIndexStats, TopicPlan, TopicPlanInput };

const base = (cluster: string) => `/api/clusters/${seg(cluster)}/indexing`;

export function getIndexing(cluster: string, signal?: AbortSignal): Promise<IndexingOverview> {
  return request<IndexingOverview>(base(cluster), { signal });
}

export function putTopicIndexing(cluster: string, topic: string, input: TopicPlanInput): Promise<TopicPlan> {
  return request<TopicPlan>(`${base(cluster)}/topics/${seg(topic)}`, { method: 'PUT', body: input });
}

export function removeTopicIndexing(cluster: string, topic: string): Promise<void> {
  return request<void>(`${base(cluster)}/topics/${seg(topic)}`, { method: 'DELETE' });
}

export async function getVectorYaml(cluster: string): Promise<string> {
  return (await requestBlob(`${base(cluster)}/vector.yaml`, { accept: 'text/yaml' })).text();
}

export const vectorYamlUrl = (cluster: string) => `${base(cluster)}/vector.yaml`;
