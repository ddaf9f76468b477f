import { useNavigate } from '@solidjs/router';
import { createEffect, createResource, Show } from 'solid-js';
import { listClusters, overviewPath } from '../api/clusters';
import { ApiProblem } from '../api/http';
import { ErrorBox } from '../ui/ErrorBox';
import '../features/session/session.css';

/** `/`: forwards to the first cluster's overview (or to /login via the 401 handler). */
export function Home() {
  const navigate = useNavigate();
  const [clusters, { refetch }] = createResource(() => listClusters());

  createEffect(() => {
    if (clusters.error || clusters.loading) return;
    const first = clusters()?.[0];
    if (first) navigate(overviewPath(first.id), { replace: true });
  });

  const shownError = () =>
    clusters.error instanceof ApiProblem && clusters.error.status === 401 ? undefined : clusters.error;

  const Status = () => (
    <Show when={!clusters.loading && !clusters.error && clusters()?.length === 0} fallback={<p class="muted">Loading clusters…</p>}>
      <p>No clusters are configured. Add one to the server configuration and reload.</p>
    </Show>
  );

  return (
    <div class="login-screen">
      <div class="login-card">
        <h1>Kafka Plus</h1>
        <Show when={shownError()} fallback={<Status />}>
          {(e) => <ErrorBox error={e()} onRetry={refetch} />}
        </Show>
      </div>
    </div>
  );
}
