import { useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { getOverview } from '../api/overview';
import { getTopic } from '../api/topics';
import { sectionHref } from '../app/sections';
import { useHasRole } from '../app/SessionContext';
import { AuditTrail } from '../features/audit/AuditTrail';
import { TopicConsumers } from '../features/groups/TopicConsumers';
import { PartitionMatrix } from '../features/topics/PartitionMatrix';
import { TopicAdmin } from '../features/topics/TopicAdmin';
import { TopicConfigs } from '../features/topics/TopicConfigs';
import { TopicHeadline } from '../features/topics/TopicHeadline';
import { ErrorBox } from '../ui/ErrorBox';
import { decodeParam } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { Notice } from '../ui/Notice';
import { PageHeader, RefreshButton } from '../ui/PageHeader';

export function TopicDetail() {
  const params = useParams<{ cluster: string; topic: string }>();
  const navigate = useNavigate();
  const isAdmin = useHasRole('admin');
  const topicName = () => decodeParam(params.topic);
  const [notice, setNotice] = createSignal<string>();
  // Bumped after every admin action so the audit trail shows it.
  const [version, setVersion] = createSignal(0);
  // Audit records become searchable a moment after a change, so Refresh reloads them too.
  const refresh = () => {
    void refetch();
    setVersion((v) => v + 1);
  };

  const [detail, { refetch, mutate }] = createResource(
    () => ({ c: params.cluster, t: topicName() }),
    (k) => getTopic(k.c, k.t),
  );
  // Broker ids for the matrix columns, so a broker holding no replica of this topic still shows.
  const [overview, { refetch: refetchOverview }] = createResource(() => params.cluster, (c) => getOverview(c));

  const topic = () => (detail.error ? undefined : detail.latest);
  const brokers = () => (overview.error ? [] : (overview.latest?.brokers ?? []));

  const changed = (message: string) => {
    setNotice(message);
    setVersion((v) => v + 1);
    void refetch();
  };

  return (
    <section class="page">
      <PageHeader
        title={topicName()}
        mono
        back={{ href: sectionHref(params.cluster, 'topics'), label: 'Topics' }}
        actions={<RefreshButton busy={detail.loading} onClick={refresh} />}
      >
        <Show when={topic()}>{(t) => <TopicHeadline topic={t()} />}</Show>
      </PageHeader>

      <Show when={isAdmin() && topic()}>
        {(t) => (
          <TopicAdmin
            cluster={params.cluster}
            topic={t()}
            onChanged={changed}
            onConfigs={(configs) => mutate({ ...t(), configs })}
            onDeleted={() => navigate(sectionHref(params.cluster, 'topics'), { replace: true })}
          />
        )}
      </Show>
      <Notice message={notice()} onDismiss={() => setNotice(undefined)} />

      <Show when={topic() && overview.error}>
        <ErrorBox error={overview.error} onRetry={() => void refetchOverview()} />
      </Show>
      <Loaded resource={detail} loading="Loading topic…" onRetry={() => void refetch()}>
        {(t) => (
          <>
            <PartitionMatrix partitions={t().partitions} knownBrokers={brokers()} />
            <TopicConsumers cluster={params.cluster} topic={t().name} />
            <div class="two-col">
              <TopicConfigs configs={t().configs} />
              <AuditTrail cluster={params.cluster} target={t().name} version={version()} />
            </div>
          </>
        )}
      </Loaded>
    </section>
  );
}
