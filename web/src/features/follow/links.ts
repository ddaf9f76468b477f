import { sectionHref } from '../../app/sections';

/** What a timeline follows: the record key, or one field's value (an order id, a header). */
export type FollowTarget = { key: string } | { field: string; value: string };

/** The follow page for a key or a field value (the same page a search hit or a message links to). */
export function followHref(cluster: string, target: FollowTarget): string {
  const q: Record<string, string> = 'key' in target ? { key: target.key } : { field: target.field, value: target.value };
  return `${sectionHref(cluster, 'follow')}?${new URLSearchParams(q)}`;
}

/** A record's place in the browse view, where its neighbours can be read. */
export function browseRecordHref(cluster: string, r: { topic: string; partition: number | string; offset: string }): string {
  const q = new URLSearchParams({ topic: r.topic, partition: String(r.partition), offset: r.offset });
  return `${sectionHref(cluster, 'messages')}?${q}`;
}
