import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { topicCount, type GroupSummary } from '../../api/groups';
import { fmtInt } from '../../ui/format';
import { GroupStateBadge, GroupTypeBadge } from './GroupBadges';
import { groupHref } from '../../app/sections';
import { SpacerRow } from '../../ui/SpacerRow';
import { createVirtualRows } from '../../ui/virtualRows';

// Same fixed heights as the topic table (styles.css --row-h / --head-h).
const ROW_H = 30;
const HEAD_H = 32;

interface Props {
  cluster: string;
  items: GroupSummary[];
  empty: string;
}

const topicNames = (g: GroupSummary) => (Array.isArray(g.topics) ? g.topics.join(', ') : '');

/** Virtualized like TopicTable: clusters with thousands of groups scroll smoothly. */
export function GroupTable(props: Props) {
  let scrollEl: HTMLDivElement | undefined;
  const v = createVirtualRows({
    count: () => props.items.length,
    key: (i) => props.items[i]?.groupId ?? i,
    scrollElement: () => scrollEl,
    rowHeight: ROW_H,
    headHeight: HEAD_H,
  });

  return (
    <div class="table-scroll" ref={(el) => (scrollEl = el)} tabindex="0" aria-label="Consumer groups list">
      <table class="table topic-table" aria-rowcount={props.items.length + 1}>
        <colgroup>
          <col />
          <col style={{ width: '100px' }} />
          <col style={{ width: '200px' }} />
          <col class="col-num" />
          <col class="col-num" />
          <col class="col-msgs" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Group ID</th>
            <th scope="col">Type</th>
            <th scope="col">State</th>
            <th scope="col" class="num">Members</th>
            <th scope="col" class="num">Topics</th>
            <th scope="col" class="num">Total lag</th>
          </tr>
        </thead>
        <tbody>
          <SpacerRow height={v.padTop()} columns={6} />
          <For each={v.rows()}>
            {(vi) => (
              <Show when={props.items[vi.index]}>
                {(g) => (
                  <tr aria-rowindex={vi.index + 2} data-group={g().groupId}>
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
                    <td class="num" title={topicNames(g())}>
                      {fmtInt(topicCount(g()))}
                    </td>
                    <td class="num" classList={{ 'lag-high': (g().lag ?? 0) > 0 }}>
                      {fmtInt(g().lag)}
                    </td>
                  </tr>
                )}
              </Show>
            )}
          </For>
          <Show when={props.items.length === 0}>
            <tr>
              <td colSpan={6} class="empty">
                {props.empty}
              </td>
            </tr>
          </Show>
          <SpacerRow height={v.padBottom()} columns={6} />
        </tbody>
      </table>
    </div>
  );
}
