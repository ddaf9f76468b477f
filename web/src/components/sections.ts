/** Cluster-scoped sections, in navigation order. `path` is the URL segment after /c/:cluster/. */
export const SECTIONS = [
  { path: 'overview', label: 'Overview' },
  { path: 'topics', label: 'Topics' },
  { path: 'groups', label: 'Consumer groups' },
  { path: 'messages', label: 'Messages' },
  { path: 'search', label: 'Search' },
  { path: 'storage', label: 'Storage' },
  { path: 'indexing', label: 'Indexing' },
] as const;

export type SectionPath = (typeof SECTIONS)[number]['path'];

export function sectionHref(cluster: string, section: string): string {
  return `/c/${encodeURIComponent(cluster)}/${section}`;
}

/** The part of a cluster-scoped pathname after the cluster id, e.g. "topics" for /c/local/topics. */
export function sectionOf(pathname: string): string {
  const m = /^\/c\/[^/]+\/(.+)$/.exec(pathname);
  return m?.[1] ?? 'overview';
}
