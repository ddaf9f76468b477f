/** Cluster-scoped sections, in navigation order. `path` is the URL segment after /c/:cluster/. */
export const SECTIONS = [
  { path: 'overview', label: 'Overview' },
  { path: 'topics', label: 'Topics' },
  { path: 'groups', label: 'Consumer groups' },
  { path: 'messages', label: 'Messages' },
  { path: 'search', label: 'Search' },
  { path: 'schemas', label: 'Schemas' },
  { path: 'storage', label: 'Storage' },
  { path: 'indexing', label: 'Indexing' },
  { path: 'alerts', label: 'Alerts' },
] as const;

export function sectionHref(cluster: string, section: string): string {
  return `/c/${encodeURIComponent(cluster)}/${section}`;
}

/**
 * The section of a cluster-scoped pathname, e.g. "topics" for /c/local/topics
 * and for /c/local/topics/orders: a topic or group of one cluster rarely
 * exists in another, so switching clusters lands on the list instead.
 */
export function sectionOf(pathname: string): string {
  const m = /^\/c\/[^/]+\/([^/]+)/.exec(pathname);
  return m?.[1] ?? 'overview';
}

export function topicHref(cluster: string, topic: string): string {
  return `${sectionHref(cluster, 'topics')}/${encodeURIComponent(topic)}`;
}

/** The tabs of the topic page, in order; `overview` is the bare topic URL. */
export const TOPIC_TABS = [
  { path: 'overview', label: 'Overview' },
  { path: 'messages', label: 'Messages' },
  { path: 'consumers', label: 'Consumers' },
  { path: 'storage', label: 'Storage' },
  { path: 'indexing', label: 'Indexing' },
  { path: 'search', label: 'Search' },
  { path: 'audit', label: 'Audit' },
] as const;

export type TopicTab = (typeof TOPIC_TABS)[number]['path'];

export function topicTabHref(cluster: string, topic: string, tab: TopicTab): string {
  return tab === 'overview' ? topicHref(cluster, topic) : `${topicHref(cluster, topic)}/${tab}`;
}

export function groupHref(cluster: string, group: string): string {
  return `${sectionHref(cluster, 'groups')}/${encodeURIComponent(group)}`;
}
