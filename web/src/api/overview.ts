import { request, seg } from './http';

export interface Broker {
  id: number;
  host: string;
  port: number;
  rack: string | null;
  isController: boolean;
  /** Replicas hosted by this broker (all partitions, leader or follower). */
  replicas: number;
  /** Partitions this broker leads. */
  leaders: number;
  /** Not in the fixed contract: a broker known from metadata is online unless the server says otherwise. */
  online?: boolean;
}

export interface ClusterOverview {
  clusterId: string;
  controllerId: number | null;
  brokers: Broker[];
  topics: number;
  partitions: number;
  underReplicated: number;
  offline: number;
  underMinIsr: number;
}

export function getOverview(cluster: string, signal?: AbortSignal): Promise<ClusterOverview> {
  return request<ClusterOverview>(`/api/clusters/${seg(cluster)}/overview`, { signal });
}

export const isOnline = (b: Broker): boolean => b.online !== false;

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
