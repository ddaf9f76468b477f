import { request } from './http';
import type { Cluster } from './contract';

export type { Cluster };

export function listClusters(signal?: AbortSignal): Promise<Cluster[]> {
  return request<Cluster[]>('/api/clusters', { signal });
}

/** Where a freshly signed-in user lands. */
export function overviewPath(clusterId: string): string {
  return `/c/${encodeURIComponent(clusterId)}/overview`;
}
