import { createResource, Show } from 'solid-js';
import type { SsoErrorCode } from '../../api/contract';
import { getSsoOptions, ssoLoginHref } from '../../api/session';
import { ErrorBox } from '../../ui/ErrorBox';
import { clientProblem } from '../../ui/problem';

/** What the server's sso_error codes mean to the person who just tried to sign in. */
const SSO_ERRORS: Record<SsoErrorCode, [title: string, detail: string]> = {
  SSO_NO_ROLE: ['No access', 'You signed in, but none of your groups gives a role here. Ask an administrator for access.'],
  SSO_FAILED: ['Sign-in failed', 'The sign-in did not complete (it was cancelled, took too long, or came from another browser). Try again.'],
  SSO_INVALID_ID_TOKEN: ['Sign-in refused', 'The identity provider’s answer could not be verified. Try again; if it persists, tell an administrator.'],
  SSO_PROVIDER_UNAVAILABLE: ['Identity provider unavailable', 'The identity provider could not be reached. Try again in a moment.'],
  SSO_NOT_CONFIGURED: ['Single sign-on is off', 'This server has no identity provider configured; use an access token.'],
};

const isSsoError = (code: string): code is SsoErrorCode => Object.hasOwn(SSO_ERRORS, code);

/** The problem to show for the code in the URL; an unknown code reads as a failed sign-in. */
export function ssoProblem(code: string) {
  const known: SsoErrorCode = isSsoError(code) ? code : 'SSO_FAILED';
  const [title, detail] = SSO_ERRORS[known];
  return clientProblem(title, detail, known);
}

/**
 * "Sign in with <provider>" when the server offers single sign-on: a plain link, since the
 * browser leaves for the provider and comes back to `returnTo` with the session cookie.
 */
export function SsoSignIn(props: { returnTo?: string }) {
  const [sso] = createResource(() => getSsoOptions());
  return (
    <>
      <Show when={sso.error as unknown}>{(e) => <ErrorBox error={e()} />}</Show>
      <Show when={sso()?.enabled && sso()}>
        {(options) => (
          <>
            {/* rel="external": a full page load, not a route of this app (the router would catch the click). */}
            <a class="btn btn-primary sso-button" rel="external" href={ssoLoginHref(options().loginUrl ?? '/api/session/oidc/login', props.returnTo)}>
              Sign in with {options().name}
            </a>
            <p class="login-or muted small">or use an access token</p>
          </>
        )}
      </Show>
    </>
  );
}
