import { useParams, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import { getHealth } from '../api/health';
import { getOverview } from '../api/overview';
import { clusterName, useClusters } from '../app/ClusterContext';
import { BrokersTable } from '../features/cluster/BrokersTable';
import { ClusterCounters } from '../features/cluster/ClusterCounters';
import { HealthPanel } from '../features/cluster/HealthPanel';
import { isPartitionProblem, PartitionAttentionTable } from '../features/cluster/PartitionAttentionTable';
import { sectionHref } from '../app/sections';
import { fmtTime } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { PageHeader, RefreshButton } from '../ui/PageHeader';

const REFRESH_MS = 15_000;

export function Overview() {
  const params = useParams<{ cluster: string }>();
  const clusters = useClusters();
  // A clicked problem counter lands here as ?problem=…, so the drill-down can be shared.
  const [search] = useSearchParams<{ problem?: string }>();
  const problem = () => (isPartitionProblem(search.problem) ? search.problem : undefined);
  const overviewHref = () => sectionHref(params.cluster, 'overview');
  const [checkedAt, setCheckedAt] = createSignal<Date>();
  const [health, { refetch }] = createResource(async () => {
    const h = await getHealth();
    setCheckedAt(new Date());
    return h;
  });
  // Keyed on the cluster so switching clusters reloads the panorama.
  const [overview, { refetch: refetchOverview }] = createResource(() => params.cluster, (c) => getOverview(c));

  // Health is cheap and unauthenticated; keep it fresh while the page is open.
  // The panorama (a metadata call) is refreshed on demand only.
  const timer = setInterval(() => void refetch(), REFRESH_MS);
  onCleanup(() => clearInterval(timer));

  return (
    <section class="page">
      <PageHeader
        title="Overview"
        actions={
          <>
            <Show when={checkedAt()}>{(t) => <span class="muted small">Checked {fmtTime(t())}</span>}</Show>
            <RefreshButton
              busy={health.loading || overview.loading}
              onClick={() => {
                void refetch();
                void refetchOverview();
              }}
            />
          </>
        }
      >
        <span class="page-sub">{clusterName(clusters, params.cluster)}</span>
      </PageHeader>

      <Loaded resource={overview} loading="Loading cluster overview…" onRetry={() => void refetchOverview()}>
        {(o) => (
          <>
            <ClusterCounters overview={o()} problemHref={(p) => `${overviewHref()}?problem=${p}`} />
            <PartitionAttentionTable cluster={params.cluster} overview={o()} problem={problem()} allHref={overviewHref()} />
            <BrokersTable brokers={o().brokers} />
          </>
        )}
      </Loaded>
      <Loaded resource={health} loading="Checking health…" onRetry={() => void refetch()}>
        {(h) => <HealthPanel health={h()} currentCluster={params.cluster} nameOf={(id) => clusterName(clusters, id)} />}
      </Loaded>
    </section>
  );
}
