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
