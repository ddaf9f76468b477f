import type { Accessor } from 'solid-js';
import { listTopics, type TopicPage, type TopicSort } from '../../api/topics';
import { createPagedList } from '../../ui/pagedList';

export interface TopicFilter {
  cluster: string;
  q: string;
  internal: boolean;
  sort: TopicSort;
  order: 'asc' | 'desc';
}

/** Paged topic list (ui/pagedList.ts), with where its size column comes from. */
export function useTopicList(filter: Accessor<TopicFilter>) {
  const { lastPage, ...list } = createPagedList<TopicFilter, TopicPage>(
    filter,
    (a, b) => a.cluster === b.cluster && a.q === b.q && a.internal === b.internal && a.sort === b.sort && a.order === b.order,
    (f, page, signal) => listTopics(f.cluster, { q: f.q, internal: f.internal, sort: f.sort, order: f.order, ...page }, signal),
  );
  /** Where the size column comes from, or why it is empty. */
  const sizes = (): TopicPage['sizes'] | undefined => lastPage()?.sizes;
  return { ...list, sizes };
}
