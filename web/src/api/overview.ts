import { request, seg } from './http';
import type { BrokerSummary, ClusterOverview, PartitionAttention, PartitionProblem } from './contract';

export type { BrokerSummary, ClusterOverview, PartitionAttention, PartitionProblem };

export function getOverview(cluster: string, signal?: AbortSignal): Promise<ClusterOverview> {
  return request<ClusterOverview>(`/api/clusters/${seg(cluster)}/overview`, { signal });
}

/**
 * Skew of a per-broker load: max/mean − 1, as a fraction. 0 means perfectly
 * even; 0.5 means the busiest broker carries 50% more than the average.
 * Undefined when there is nothing to compare (no brokers, or no load at all).
 */
export function skew(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean <= 0) return undefined;
  return Math.max(...values) / mean - 1;
}

/** Above this the busiest broker is doing noticeably more work than its peers. */
export const SKEW_WARN = 0.2;
