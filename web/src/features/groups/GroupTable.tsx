import { A } from '@solidjs/router';
import type { GroupSummary } from '../../api/groups';
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

const COLUMNS = [
  { label: 'Group ID' },
  { label: 'Type', width: '100px' },
  { label: 'State', width: '200px' },
  { label: 'Members', num: true, width: '100px' },
  { label: 'Topics', num: true, width: '100px' },
  { label: 'Total lag', num: true, width: '140px' },
];


/** Virtualized like the topic list: clusters with thousands of groups scroll smoothly. */
export function GroupTable(props: Props) {
  return (
    <VirtualTable
      items={props.items}
      key={(g) => g.groupId}
      columns={COLUMNS}
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
