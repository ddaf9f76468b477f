import { For, Show } from 'solid-js';
import type { GroupMember } from '../../api/groups';
import { fmtPartitionList } from '../../ui/format';
import { Panel } from '../../ui/Panel';
import { EmptyRow, TableHead } from '../../ui/Table';
import './groups.css';

export function GroupMembers(props: { members: GroupMember[] }) {
  return (
    <Panel
      title={
        <>
          Members <span class="muted small">{props.members.length}</span>
        </>
      }
    >
      <table class="table members-table">
        <TableHead columns={[{ label: 'Member ID' }, { label: 'Client ID' }, { label: 'Host' }, { label: 'Assignment' }]} />
        <tbody>
          <For each={props.members}>
            {(m) => (
              <tr data-member={m.memberId}>
                <td class="mono ellipsis" title={m.memberId}>
                  {m.memberId}
                </td>
                <td class="mono">{m.clientId}</td>
                <td class="mono">{m.host}</td>
                <td class="mono small">
                  <Show when={m.assignments.length > 0} fallback={<span class="muted">nothing assigned</span>}>
                    <For each={m.assignments}>
                      {(a) => (
                        <span class="assignment" data-topic={a.topic}>
                          {a.topic} <span class="muted">[{fmtPartitionList(a.partitions)}]</span>
                        </span>
                      )}
                    </For>
                  </Show>
                </td>
              </tr>
            )}
          </For>
          <EmptyRow when={props.members.length === 0} columns={4}>
            No active members: the group is empty, so its offsets can be reset.
          </EmptyRow>
        </tbody>
      </table>
    </Panel>
  );
}
