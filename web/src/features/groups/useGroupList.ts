import type { Accessor } from 'solid-js';
import { listGroupPage, type GroupPage } from '../../api/groups';
import { createPagedList } from '../../ui/pagedList';

export interface GroupFilter {
  cluster: string;
  q: string;
}

/** Paged group list, as the topic list (ui/pagedList.ts). */
export function useGroupList(filter: Accessor<GroupFilter>) {
  return createPagedList<GroupFilter, GroupPage>(
    filter,
    (a, b) => a.cluster === b.cluster && a.q === b.q,
    (f, page, signal) => listGroupPage(f.cluster, { q: f.q, ...page }, signal),
  );
}
