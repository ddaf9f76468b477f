import { Show } from 'solid-js';
import { revokeSession, type SessionInfo } from '../../api/session';
import { Dialog } from '../../ui/Dialog';
import { useAction } from '../../ui/useAction';

/** Ends a session on every server at once: its cookie stops working, wherever it is. */
export function RevokeSessionDialog(props: { session: SessionInfo; onClose: () => void; onDone: () => void }) {
  const action = useAction(revokeSession);
  const submit = async () => {
    if (await action.run(props.session.id)) props.onDone();
  };
  return (
    <Dialog title="Revoke session" submitLabel="Revoke" danger onClose={props.onClose} onSubmit={submit} busy={action.busy()} error={action.error()}>
      <p>
        <strong>{props.session.name}</strong> is signed out everywhere within seconds and must sign in again.
      </p>
      <Show when={props.session.current}>
        <p class="warn-note">This is your own session: you will be signed out.</p>
      </Show>
    </Dialog>
  );
}
