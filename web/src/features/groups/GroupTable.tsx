import { A } from '@solidjs/router';
import { Show } from 'solid-js';
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
  /** Changes when the list is replaced (a new filter): the view jumps back to the top. */
  resetKey?: unknown;
}

/**
 * Virtualized like the topic list. Rows come a page at a time in group-id order, the only order
 * the server pages in: sorting the loaded rows by another column would misrepresent the rest, so
 * the columns do not sort.
 */
export function GroupTable(props: Props) {
  return (
    <VirtualTable
      items={props.items}
      key={(g) => g.groupId}
      resetKey={props.resetKey}
      columns={[
        {
          label: (
            <>
              Group ID{' '}
              <span class="sort-arrow" aria-hidden="true">
                ▲
              </span>
            </>
          ),
          sort: 'ascending',
          title: 'Sorted by group id, the order the server pages in',
        },
        { label: 'Type', width: '100px' },
        { label: 'State', width: '200px' },
        { label: 'Members', num: true, width: '110px' },
        { label: 'Topics', num: true, width: '100px' },
        { label: 'Total lag', num: true, width: '140px', title: 'Summed over the partitions the group has committed on' },
        { label: 'Retention', width: '150px', title: 'Whether unread records are about to be deleted' },
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
          <td class="num" classList={{ 'lag-high': g().lag > 0 }} data-testid="lag">
            {fmtInt(g().lag)}
          </td>
          <td data-testid="risk">
            <Show when={g().atRisk}>
              <span
                class="risk"
                title="On a committed partition the oldest unread record is at least 80% of retention old, or retention already deleted unread records."
              >
                data loss risk
              </span>
            </Show>
          </td>
        </tr>
      )}
    />
  );
}
