import { A, useParams, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, Show } from 'solid-js';
import { getBrokerStorage, getRanking } from '../api/storage';
import { clusterName, useClusters } from '../app/ClusterContext';
import { topicHref } from '../app/sections';
import { useHasRole } from '../app/SessionContext';
import { BrokerDisks } from '../features/storage/BrokerDisks';
import { BrokerGrowth } from '../features/storage/BrokerGrowth';
import { windowOf, type WindowId } from '../features/storage/format';
import { RankingPanel } from '../features/storage/RankingPanel';
import { RetentionAudit } from '../features/storage/RetentionAudit';
import { SampleStatus } from '../features/storage/SampleStatus';
import { TopicStorage } from '../features/storage/TopicStorage';
import { useSampleNow } from '../features/storage/useSampleNow';
import { WindowSwitch } from '../features/storage/WindowSwitch';
import { ErrorBox } from '../ui/ErrorBox';
import { fmtDateTime } from '../ui/format';
import { Notice } from '../ui/Notice';
import { PageHeader, RefreshButton } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';

/** Storage deep analysis: broker disks, topics by size, one topic's growth and layout, the retention audit. */
export function Storage() {
  const params = useParams<{ cluster: string }>();
  const clusters = useClusters();
  const [search, setSearch] = useSearchParams<{ topic?: string; broker?: string }>();
  const canSample = useHasRole('operator');
  const [period, setPeriod] = createSignal<WindowId>('7d');
  const [leaderOnly, setLeaderOnly] = createSignal(false);
  const [version, setVersion] = createSignal(0);
  const [notice, setNotice] = createSignal<string>();

  const [ranking, { refetch: refetchRanking }] = createResource(
    () => ({ c: params.cluster, sort: leaderOnly() ? ('leaderBytes' as const) : ('bytes' as const), v: version() }),
    (k) => getRanking(k.c, k.sort),
  );
  const [disks] = createResource(() => ({ c: params.cluster, w: period(), v: version() }), (k) => getBrokerStorage(k.c, windowOf(k.w)));
  const rank = () => (ranking.error ? undefined : ranking.latest);
  const disk = () => (disks.error ? undefined : disks.latest);
  const brokers = createMemo(() => disk()?.items.map((b) => b.broker) ?? []);
  const selectedBroker = () => (search.broker ? Number(search.broker) : disk()?.items.find((b) => b.state === 'ok')?.broker);
  const sample = useSampleNow({
    cluster: () => params.cluster,
    sampledAt: () => rank()?.sampledAt,
    onNotice: setNotice,
    onSampled: () => setVersion((v) => v + 1),
  });

  return (
    <section class="page">
      <PageHeader
        title="Storage"
        actions={
          <>
            <WindowSwitch value={period()} onChange={setPeriod} />
            <RefreshButton busy={ranking.loading} onClick={() => setVersion((v) => v + 1)} />
            <Show when={canSample()}>
              <button type="button" class="btn btn-primary" disabled={sample.busy()} onClick={() => void sample.run()}>
                Sample now
              </button>
            </Show>
          </>
        }
      >
        <span class="page-sub">{clusterName(clusters, params.cluster)}</span>
        <Show when={rank()?.sampledAt}>
          {(at) => (
            <span class="page-sub small" data-testid="sampled-at">
              sampled {fmtDateTime(at())}
              <Show when={rank()?.partial}>
                {' '}
                <span class="badge badge-degraded">partial</span>
              </Show>
            </span>
          )}
        </Show>
      </PageHeader>

      <Notice message={notice()} onDismiss={() => setNotice(undefined)} />
      <Show when={sample.error()}>{(e) => <ErrorBox error={e()} />}</Show>
      <Show when={ranking.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetchRanking()} />}</Show>
      <Show when={rank()}>{(r) => <SampleStatus header={r()} />}</Show>
      <Show when={rank() && !rank()?.sampledAt}>
        <p class="muted" data-testid="no-sample">
          No storage sample yet. The sampler runs every 5 minutes{canSample() ? '; or take one now.' : '.'}
        </p>
      </Show>

      <Panel title="Broker disks" label="Broker disks" note="Kafka data · other use of the volume · free; growth over the window">
        <div class="panel-body">
          <Show when={disks.error}>{(e) => <ErrorBox error={e()} />}</Show>
          <Show when={disk()}>
            {(d) => <BrokerDisks data={d()} selected={selectedBroker()} onSelect={(b) => setSearch({ broker: String(b) })} />}
          </Show>
          <Show when={selectedBroker() !== undefined && disk()?.sizes.available}>
            <BrokerGrowth cluster={params.cluster} broker={selectedBroker() as number} window={period()} version={version()} />
          </Show>
        </div>
      </Panel>

      <RankingPanel
        ranking={rank()}
        leaderOnly={leaderOnly()}
        onLeaderOnly={setLeaderOnly}
        brokers={brokers()}
        selected={search.topic}
        onSelect={(topic) => setSearch({ topic })}
      />

      <Show when={search.topic}>
        {(topic) => (
          <Panel
            title={topic()}
            titleClass="mono"
            label={`Topic ${topic()}`}
            testId="topic-storage"
            tools={
              <>
                <A href={topicHref(params.cluster, topic())} class="small">
                  Topic detail
                </A>
                <button type="button" class="btn btn-small" onClick={() => setSearch({ topic: undefined })}>
                  Close
                </button>
              </>
            }
          >
            <div class="panel-body">
              <TopicStorage
                cluster={params.cluster}
                topic={topic()}
                price={rank()?.price}
                window={period()}
                version={version()}
                onApplied={(m) => {
                  setNotice(m);
                  setVersion((v) => v + 1);
                }}
              />
            </div>
          </Panel>
        )}
      </Show>

      <Panel title="Retention audit" label="Retention audit" note="Daily, and on demand">
        <RetentionAudit cluster={params.cluster} onSelectTopic={(topic) => setSearch({ topic })} />
      </Panel>
    </section>
  );
}
