import { useNavigate } from '@solidjs/router';
import { listClusters, overviewPath } from '../api/clusters';
import { SignInForm } from '../features/session/SignInForm';

export function Login() {
  const navigate = useNavigate();
  return (
    <div class="login-screen">
      <SignInForm
        onSignedIn={async () => {
          const clusters = await listClusters();
          const first = clusters[0];
          navigate(first ? overviewPath(first.id) : '/', { replace: true });
        }}
      />
    </div>
  );
}
