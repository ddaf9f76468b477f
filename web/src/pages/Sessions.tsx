import { useNavigate } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { listSessions, type SessionInfo } from '../api/session';
import { RevokeSessionDialog } from '../features/session/RevokeSessionDialog';
import { SessionTable } from '../features/session/SessionTable';
import { fmtInt } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { PageHeader, RefreshButton } from '../ui/PageHeader';

/** Who is signed in (admins of the whole deployment), and revoking a session. */
export function Sessions() {
  const navigate = useNavigate();
  const [sessions, { refetch }] = createResource(() => listSessions());
  const [revoking, setRevoking] = createSignal<SessionInfo>();

  const done = () => {
    const own = revoking()?.current;
    setRevoking(undefined);
    if (own) navigate('/login', { replace: true });
    else void refetch();
  };

  return (
    <section class="page">
      <PageHeader title="Sessions" actions={<RefreshButton busy={sessions.loading} onClick={() => void refetch()} />}>
        <Show when={sessions.latest && !sessions.error}>
          <span class="page-sub" data-testid="sessions-total">
            {fmtInt(sessions.latest?.items.length)} signed in
          </span>
        </Show>
      </PageHeader>
      <Loaded resource={sessions} loading="Loading sessions…" onRetry={() => void refetch()}>
        {(list) => <SessionTable items={list().items} onRevoke={setRevoking} />}
      </Loaded>
      <Show when={revoking()}>
        {(s) => <RevokeSessionDialog session={s()} onClose={() => setRevoking(undefined)} onDone={done} />}
      </Show>
    </section>
  );
}
