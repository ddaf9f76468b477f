import { request, requestBlob, seg } from './http';
import type { IndexingOverview, MappingProblem, StartingPosition, TopicIndexing, TopicIndexStats, TopicMapping, TopicPlan, TopicPlanInput, TopicPlanResult } from './contract';

export type { IndexingOverview, MappingProblem, StartingPosition, TopicIndexing, TopicIndexStats, TopicMapping, TopicPlan, TopicPlanInput, TopicPlanResult };

const base = (cluster: string) => `/api/clusters/${seg(cluster)}/indexing`;

export function getIndexing(cluster: string, signal?: AbortSignal): Promise<IndexingOverview> {
  return request<IndexingOverview>(base(cluster), { signal });
}

/** Answers the stored plan and, on AWS, what became of the topic's mapping. */
export function putTopicIndexing(cluster: string, topic: string, input: TopicPlanInput): Promise<TopicPlanResult> {
  return request<TopicPlanResult>(`${base(cluster)}/topics/${seg(topic)}`, { method: 'PUT', body: input });
}

export function removeTopicIndexing(cluster: string, topic: string): Promise<void> {
  return request<void>(`${base(cluster)}/topics/${seg(topic)}`, { method: 'DELETE' });
}

export async function getVectorYaml(cluster: string): Promise<string> {
  return (await requestBlob(`${base(cluster)}/vector.yaml`, { accept: 'text/yaml' })).text();
}

export const vectorYamlUrl = (cluster: string) => `${base(cluster)}/vector.yaml`;
