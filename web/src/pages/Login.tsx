import { useNavigate, useSearchParams } from '@solidjs/router';
import { listClusters, overviewPath } from '../api/clusters';
import { SignInForm } from '../features/session/SignInForm';

export function Login() {
  const navigate = useNavigate();
  // A failed single sign-on comes back here with its code.
  const [search] = useSearchParams<{ sso_error?: string }>();
  return (
    <div class="login-screen">
      <SignInForm
        ssoError={search.sso_error}
        onSignedIn={async () => {
          const clusters = await listClusters();
          const first = clusters[0];
          navigate(first ? overviewPath(first.id) : '/', { replace: true });
        }}
      />
    </div>
  );
}
