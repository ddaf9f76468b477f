import { useParams } from '@solidjs/router';
import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import { getHealth } from '../api/health';
import { getOverview } from '../api/overview';
import { BrokersTable } from '../features/cluster/BrokersTable';
import { ClusterCounters } from '../features/cluster/ClusterCounters';
import { clusterName, useClusters } from '../app/ClusterContext';
import { ErrorBox } from '../ui/ErrorBox';
import { fmtTime } from '../ui/format';
import { HealthPanel } from '../features/cluster/HealthPanel';

const REFRESH_MS = 15_000;

export function Overview() {
  const params = useParams<{ cluster: string }>();
  const clusters = useClusters();
  const [checkedAt, setCheckedAt] = createSignal<Date>();
  const [health, { refetch }] = createResource(async () => {
    const h = await getHealth();
    setCheckedAt(new Date());
    return h;
  });
  // Keyed on the cluster so switching clusters reloads the panorama.
  const [overview, { refetch: refetchOverview }] = createResource(() => params.cluster, (c) => getOverview(c));

  const refreshAll = () => {
    void refetch();
    void refetchOverview();
  };

  // Health is cheap and unauthenticated; keep it fresh while the page is open.
  // The panorama (a metadata call) is refreshed on demand only.
  const timer = setInterval(() => void refetch(), REFRESH_MS);
  onCleanup(() => clearInterval(timer));

  const current = () => (health.error ? undefined : health.latest);
  const panorama = () => (overview.error ? undefined : overview.latest);

  return (
    <section class="page">
      <header class="page-head">
        <h1>Overview</h1>
        <span class="page-sub">{clusterName(clusters, params.cluster)}</span>
        <div class="page-actions">
          <Show when={checkedAt()}>{(t) => <span class="muted small">Checked {fmtTime(t())}</span>}</Show>
          <button type="button" class="btn" disabled={health.loading || overview.loading} onClick={refreshAll}>
            Refresh
          </button>
        </div>
      </header>

      <Show when={overview.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetchOverview()} />}</Show>
      <Show when={panorama()} fallback={<Show when={!overview.error}><p class="muted">Loading cluster overview…</p></Show>}>
        {(o) => (
          <>
            <ClusterCounters overview={o()} />
            <BrokersTable brokers={o().brokers} />
          </>
        )}
      </Show>

      <Show when={health.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetch()} />}</Show>
      <Show when={current()} fallback={<Show when={!health.error}><p class="muted">Checking health…</p></Show>}>
        {(h) => (
          <HealthPanel health={h()} currentCluster={params.cluster} nameOf={(id) => clusterName(clusters, id)} />
        )}
      </Show>
    </section>
  );
}
