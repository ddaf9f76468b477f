import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { getOverview } from '../api/overview';
import { getTopic, hasLeader, messageCount, type TopicDetail as Detail } from '../api/topics';
import { AuditTrail } from '../features/audit/AuditTrail';
import { ErrorBox } from '../ui/ErrorBox';
import { decodeParam, fmtBig, fmtInt } from '../ui/format';
import { PartitionMatrix } from '../features/topics/PartitionMatrix';
import { sectionHref } from '../app/sections';
import { useHasRole } from '../app/SessionContext';
import { TopicAdmin } from '../features/topics/TopicAdmin';
import { TopicConfigs } from '../features/topics/TopicConfigs';

function summary(t: Detail) {
  const total = t.partitions.reduce((sum, p) => sum + (messageCount(p) ?? 0n), 0n);
  const rf = Math.max(0, ...t.partitions.map((p) => p.replicas.length));
  const under = t.partitions.filter((p) => p.isr.length < p.replicas.length).length;
  const offline = t.partitions.filter((p) => !hasLeader(p)).length;
  return { total, rf, under, offline };
}

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
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <A href={sectionHref(params.cluster, 'topics')}>Topics</A>
        <span aria-hidden="true"> / </span>
      </nav>
      <header class="page-head">
        <h1 class="mono-title">{topicName()}</h1>
        <Show when={topic()}>
          {(t) => {
            const s = () => summary(t());
            return (
              <span class="page-sub" data-testid="topic-summary">
                {fmtInt(t().partitions.length)} partitions · RF {s().rf} · {fmtBig(s().total)} messages
                <Show when={s().under > 0}>
                  <span class="badge badge-degraded">{s().under} under-replicated</span>
                </Show>
                <Show when={s().offline > 0}>
                  <span class="badge badge-error">{s().offline} offline</span>
                </Show>
                <Show when={t().internal}>
                  <span class="tag">internal</span>
                </Show>
              </span>
            );
          }}
        </Show>
        <div class="page-actions">
          <button type="button" class="btn" disabled={detail.loading} onClick={refresh}>
            Refresh
          </button>
        </div>
      </header>

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
      <Show when={notice()}>
        {(n) => (
          <div class="notice" role="status">
            <span>{n()}</span>
            <button type="button" class="btn btn-small" onClick={() => setNotice(undefined)}>
              Dismiss
            </button>
          </div>
        )}
      </Show>

      <Show when={detail.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetch()} />}</Show>
      <Show when={topic() && overview.error}>
        <ErrorBox error={overview.error} onRetry={() => void refetchOverview()} />
      </Show>
      <Show when={topic()} fallback={<Show when={!detail.error}><p class="muted">Loading topic…</p></Show>}>
        {(t) => (
          <>
            <PartitionMatrix partitions={t().partitions} knownBrokers={brokers()} />
            <div class="two-col">
              <TopicConfigs configs={t().configs} />
              <AuditTrail cluster={params.cluster} target={t().name} version={version()} />
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
