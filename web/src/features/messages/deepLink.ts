import type { BrowseFilterField, BrowseFilterKind } from '../../api/messages';
import { listTopics } from '../../api/topics';
import type { DeepLink } from './BrowsePanel';

/** A record named in the URL (?partition=&offset=, from the Search page); undefined unless the offset is a number. */
export function parseDeepLink(offset: string | undefined, partition: string | undefined): DeepLink | undefined {
  if (offset === undefined || !/^\d+$/.test(offset)) return undefined;
  const p = partition !== undefined && /^\d+$/.test(partition) ? Number(partition) : undefined;
  return { offset, partition: p };
}

export const sameDeepLink = (a: DeepLink | undefined, b: DeepLink | undefined): boolean =>
  a?.offset === b?.offset && a?.partition === b?.partition;

/** Partition count of a topic; undefined when no topic of that exact name exists (the reads then say why). */
export async function partitionCount(source: { cluster: string; topic: string }): Promise<number | undefined> {
  const page = await listTopics(source.cluster, { q: source.topic, internal: true, limit: 200 });
  return page.items.find((t) => t.name === source.topic)?.partitions;
}

/** Browse's filter as a link gives it (`?filter=&filterField=&filterKind=&header=`); unknown choices fall back to the defaults. */
export interface LinkedFilter {
  filter: string;
  filterField: BrowseFilterField;
  filterKind: BrowseFilterKind;
  header: string;
}

const FIELDS: BrowseFilterField[] = ['any', 'key', 'value', 'header'];
const KINDS: BrowseFilterKind[] = ['text', 'regex', 'jsonPath'];

export function parseLinkedFilter(search: { filter?: string; filterField?: string; filterKind?: string; header?: string }): LinkedFilter | undefined {
  if (!search.filter) return undefined;
  return {
    filter: search.filter,
    filterField: FIELDS.includes(search.filterField as BrowseFilterField) ? (search.filterField as BrowseFilterField) : 'any',
    filterKind: KINDS.includes(search.filterKind as BrowseFilterKind) ? (search.filterKind as BrowseFilterKind) : 'text',
    header: search.header ?? '',
  };
}
