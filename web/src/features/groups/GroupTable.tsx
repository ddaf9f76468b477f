import { A } from '@solidjs/router';
import { createMemo, createSignal } from 'solid-js';
import type { GroupSummary } from '../../api/groups';
import { sortableColumn, type SortState } from '../../ui/SortButton';
import { groupHref } from '../../app/sections';
import { fmtInt } from '../../ui/format';
import { VirtualTable } from '../../ui/VirtualTable';
import { GroupStateBadge, GroupTypeBadge } from './GroupBadges';
import './groups.css';

interface Props {
  cluster: string;
  items: GroupSummary[];
  empty: string;
}

type GroupSort = 'groupId' | 'type' | 'state' | 'members' | 'topics' | 'lag';

const sortValue: Record<GroupSort, (g: GroupSummary) => string | number> = {
  groupId: (g) => g.groupId,
  type: (g) => g.type,
  state: (g) => g.state,
  members: (g) => g.members,
  topics: (g) => g.topics.length,
  lag: (g) => g.lag,
};

/** Virtualized like the topic list: clusters with thousands of groups scroll smoothly. */
export function GroupTable(props: Props) {
  // The whole list is in the browser: sorting it here costs nothing.
  const [sort, setSort] = createSignal<SortState<GroupSort>>({ key: 'groupId', order: 'asc' });
  const sorted = createMemo(() => {
    const { key, order } = sort();
    const value = sortValue[key];
    const dir = order === 'asc' ? 1 : -1;
    return [...props.items].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return (x < y ? -dir : x > y ? dir : 0) || (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0);
    });
  });
  const col = (c: Parameters<typeof sortableColumn>[0], key: GroupSort) => sortableColumn(c, key, sort(), setSort);
  return (
    <VirtualTable
      items={sorted()}
      key={(g) => g.groupId}
      columns={[
        col({ label: 'Group ID' }, 'groupId'),
        col({ label: 'Type', width: '100px' }, 'type'),
        col({ label: 'State', width: '200px' }, 'state'),
        col({ label: 'Members', num: true, width: '110px' }, 'members'),
        col({ label: 'Topics', num: true, width: '100px' }, 'topics'),
        col({ label: 'Total lag', num: true, width: '140px' }, 'lag'),
      ]}
      label="Consumer groups list"
      empty={props.empty}
      row={(g, rowIndex) => (
        <tr aria-rowindex={rowIndex} data-group={g().groupId}>
          <td class="topic-name" title={g().groupId}>
            <A class="name-text" href={groupHref(props.cluster, g().groupId)}>
              {g().groupId}
            </A>
          </td>
          <td>
            <GroupTypeBadge type={g().type} />
          </td>
          <td>
            <GroupStateBadge state={g().state} />
          </td>
          <td class="num">{fmtInt(g().members)}</td>
          <td class="num" title={g().topics.join(', ')}>
            {fmtInt(g().topics.length)}
          </td>
          <td class="num" classList={{ 'lag-high': g().lag > 0 }}>
            {fmtInt(g().lag)}
          </td>
        </tr>
      )}
    />
  );
}
