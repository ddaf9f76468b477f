import { createSignal, Show } from 'solid-js';
import { signIn } from '../../api/session';
import { ErrorBox } from '../../ui/ErrorBox';
import { ssoProblem, SsoSignIn } from './SsoSignIn';
import './session.css';

/**
 * Single sign-on when the server offers it, and the exchange of a pasted access token for a
 * session cookie. `ssoError`: the code a failed single sign-on came back with.
 */
export function SignInForm(props: { onSignedIn: () => Promise<void> | void; ssoError?: string }) {
  const [token, setToken] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // Pasted tokens often carry a trailing newline.
      await signIn(token().trim());
      setToken('');
      await props.onSignedIn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="login-card" onSubmit={submit} aria-labelledby="login-heading">
      <div class="login-brand">
        <span class="brand-mark" aria-hidden="true">K+</span>
        Kafka Plus
      </div>
      <h1 id="login-heading">Sign in</h1>
      <Show when={props.ssoError}>{(code) => <ErrorBox error={ssoProblem(code())} />}</Show>
      <SsoSignIn />
      <p class="muted">Paste an access token. It is exchanged for a session cookie and not kept by the page.</p>
      <label for="token">Access token</label>
      <input
        id="token"
        name="token"
        type="password"
        autocomplete="current-password"
        spellcheck={false}
        value={token()}
        onInput={(e) => setToken(e.currentTarget.value)}
      />
      <Show when={error()}>{(err) => <ErrorBox error={err()} />}</Show>
      <button type="submit" class="btn btn-primary" disabled={busy()}>
        Sign in
      </button>
    </form>
  );
}
