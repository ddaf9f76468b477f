import { For, Show } from 'solid-js';
import type { GroupMember } from '../../api/groups';
import { fmtPartitionList } from '../../ui/format';

export function GroupMembers(props: { members: GroupMember[] }) {
  return (
    <div class="panel">
      <div class="panel-head">
        <h2>
          Members <span class="muted small">{props.members.length}</span>
        </h2>
      </div>
      <table class="table members-table">
        <thead>
          <tr>
            <th scope="col">Member ID</th>
            <th scope="col">Client ID</th>
            <th scope="col">Host</th>
            <th scope="col">Assignment</th>
          </tr>
        </thead>
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
          <Show when={props.members.length === 0}>
            <tr>
              <td colSpan={4} class="empty">
                No active members: the group is empty, so its offsets can be reset.
              </td>
            </tr>
          </Show>
        </tbody>
      </table>
    </div>
  );
}
