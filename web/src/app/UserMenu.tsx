import { Show } from 'solid-js';
import type { Session } from '../api/session';

interface Props {
  session: Session | undefined;
  busy: boolean;
  onSignOut: () => void;
}

export function UserMenu(props: Props) {
  return (
    <div class="user-menu">
      <Show when={props.session}>
        {(s) => (
          <span class="user" data-testid="session-user">
            <span class="user-name">{s().name}</span>
            <span class={`role role-${s().role}`}>{s().role}</span>
          </span>
        )}
      </Show>
      <button type="button" class="btn btn-ghost" disabled={props.busy} onClick={() => props.onSignOut()}>
        Sign out
      </button>
    </div>
  );
}
