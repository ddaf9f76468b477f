import { For, Show } from 'solid-js';
import { describeGrant, type SessionInfo } from '../../api/session';
import { fmtDateTime } from '../../ui/format';
import { EmptyRow, TableHead } from '../../ui/Table';
import './session.css';

const COLUMNS = [
  { label: 'Who' },
  { label: 'Signed in with' },
  { label: 'Roles' },
  { label: 'From' },
  { label: 'Since' },
  { label: 'Ends' },
  {},
];

/** Live sessions, newest first, each with its revoke button. */
export function SessionTable(props: { items: SessionInfo[]; onRevoke: (session: SessionInfo) => void }) {
  return (
    <div class="table-scroll">
      <table class="table" aria-label="Sessions">
        <TableHead columns={COLUMNS} />
        <tbody>
          <For each={props.items}>
            {(s) => (
              <tr data-session={s.id}>
                <td>
                  {s.name}
                  <Show when={s.current}>
                    <span class="badge badge-ok session-current">you</span>
                  </Show>
                </td>
                <td>{s.via === 'sso' ? 'single sign-on' : 'access token'}</td>
                <td class="small">{s.grants.map(describeGrant).join('; ')}</td>
                <td class="small muted" title={s.userAgent ?? ''}>
                  {s.address ?? '—'}
                </td>
                <td class="nowrap">{fmtDateTime(s.createdAt)}</td>
                <td class="nowrap">{fmtDateTime(s.expiresAt)}</td>
                <td>
                  <button type="button" class="btn btn-small btn-danger" aria-label={`Revoke the session of ${s.name}`} onClick={() => props.onRevoke(s)}>
                    Revoke
                  </button>
                </td>
              </tr>
            )}
          </For>
          <EmptyRow when={props.items.length === 0} columns={COLUMNS.length}>
            No one is signed in.
          </EmptyRow>
        </tbody>
      </table>
    </div>
  );
}
