import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { isDeploymentAdmin, type Session } from '../api/session';
import { sectionHref } from './sections';

interface Props {
  session: Session | undefined;
  /** The cluster shown, so the Sessions page keeps the same top bar. */
  cluster: string;
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
      <Show when={isDeploymentAdmin(props.session)}>
        <A href={sectionHref(props.cluster, 'sessions')} class="btn btn-ghost" activeClass="active">
          Sessions
        </A>
      </Show>
      <button type="button" class="btn btn-ghost" disabled={props.busy} onClick={() => props.onSignOut()}>
        Sign out
      </button>
    </div>
  );
}
