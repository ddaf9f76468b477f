import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { getTopicConsumers } from '../../api/groups';
import { groupHref } from '../../app/sections';
import { fmtDuration, fmtInt } from '../../ui/format';
import { Loaded } from '../../ui/Loaded';
import { Panel } from '../../ui/Panel';
import { EmptyRow, TableHead } from '../../ui/Table';
import { GroupStateBadge, GroupTypeBadge } from './GroupBadges';
import './groups.css';

const COLUMNS = [
  { label: 'Group ID' },
  { label: 'Type' },
  { label: 'State' },
  { label: 'Members', num: true },
  { label: 'Committed', num: true },
  { label: 'Lag', num: true },
  { label: 'Unread age', num: true },
  { label: 'Behind newest', num: true },
  { label: 'Status' },
];

/** The consumer groups reading a topic, most lag first; the topic page's "Consumers". */
export function TopicConsumers(props: { cluster: string; topic: string }) {
  const [list, { refetch }] = createResource(
    () => ({ c: props.cluster, t: props.topic }),
    (k) => getTopicConsumers(k.c, k.t),
  );
  return (
    <Panel
      title="Consumers"
      label="Consumers"
      note="Groups with committed offsets on this topic · Unread age: how old the oldest unread record is now"
      tools={
        // Not "Refresh": the page header has that one, for the topic itself.
        <button type="button" class="btn" disabled={list.loading} onClick={() => void refetch()}>
          Reload lag
        </button>
      }
    >
      <Loaded resource={list} loading="Loading consumer groups…" onRetry={() => void refetch()}>
        {(l) => (
          <table class="table topic-consumers" aria-label="Consumer groups of the topic">
            <TableHead columns={COLUMNS} />
            <tbody>
              <For each={l().items}>
                {(g) => (
                  <tr data-group={g.groupId} classList={{ 'at-risk': g.atRisk }}>
                    <td class="mono">
                      <A href={groupHref(props.cluster, g.groupId)}>{g.groupId}</A>
                    </td>
                    <td>
                      <GroupTypeBadge type={g.type} />
                    </td>
                    <td>
                      <GroupStateBadge state={g.state} />
                    </td>
                    <td class="num">{fmtInt(g.members)}</td>
                    <td class="num" title="Partitions with a committed offset: the lag covers only these">
                      {g.committedPartitions} of {l().partitions}
                    </td>
                    <td class="num" classList={{ 'lag-high': g.lag > 0 }} data-testid="lag">
                      {fmtInt(g.lag)}
                    </td>
                    <td class="num" data-testid="unread-age">
                      <Show when={g.lag > 0} fallback={<span class="muted">caught up</span>}>
                        {fmtDuration(g.oldestUnreadAgeMs)}
                      </Show>
                    </td>
                    <td class="num">{fmtDuration(g.lagMs)}</td>
                    <td>
                      <Show when={g.deletedUnread > 0}>
                        <span class="risk">{fmtInt(g.deletedUnread)} deleted unread</span>
                      </Show>
                      <Show when={g.atRisk && g.deletedUnread === 0}>
                        <span class="risk" title="The oldest unread record is at least 80% of retention old.">
                          near retention — data loss risk
                        </span>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
              <EmptyRow when={l().items.length === 0} columns={COLUMNS.length}>
                No consumer group has committed offsets on this topic.
              </EmptyRow>
            </tbody>
          </table>
        )}
      </Loaded>
    </Panel>
  );
}
