import { createContext, useContext, type Resource } from 'solid-js';
import type { Cluster } from '../api/clusters';

/** The cluster list the shell already fetched, so pages can show names without refetching. */
export const ClusterContext = createContext<Resource<Cluster[]>>();

export function useClusters(): Resource<Cluster[]> | undefined {
  return useContext(ClusterContext);
}

/** Reads a cluster's display name without throwing when the list failed to load. */
export function clusterName(list: Resource<Cluster[]> | undefined, id: string): string {
  if (!list || list.error || list.loading) return id;
  return list()?.find((c) => c.id === id)?.name ?? id;
}
