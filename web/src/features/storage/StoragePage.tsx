import { A, useParams, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { getBrokerStorage, getRanking, sampleNow } from '../../api/storage';
import { clusterName, useClusters } from '../../app/ClusterContext';
import { ErrorBox } from '../../ui/ErrorBox';
import { fmtBytes, fmtDateTime, fmtInt } from '../../ui/format';
import { topicHref } from '../../app/sections';
import { useHasRole } from '../../app/SessionContext';
import { useAction } from '../../ui/useAction';
import { AuditPanel } from './RetentionAudit';
import { BrokerDisks } from './BrokerDisks';
import { BrokerGrowth } from './BrokerGrowth';
import { WINDOWS, windowOf, type WindowId } from './format';
import { RankingTable } from './RankingTable';
import { SampleStatus } from './SampleStatus';
import { TopicStorage } from './TopicStorage';

/** Storage deep analysis: broker disks, topics by size, one topic's growth and layout, the retention audit. */
export function StoragePage() {
  const params = useParams<{ cluster: string }>();
  const clusters = useClusters();
  const [search, setSearch] = useSearchParams<{ topic?: string; broker?: string }>();
  const canSample = useHasRole('operator');
  const [period, setPeriod] = createSignal<WindowId>('7d');
  const [leaderOnly, setLeaderOnly] = createSignal(false);
  const [filter, setFilter] = createSignal('');
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
  const items = createMemo(() => {
    const needle = filter().trim().toLowerCase();
    const all = rank()?.items ?? [];
    return needle ? all.filter((t) => t.topic.toLowerCase().includes(needle)) : all;
  });

  // "Sample now" answers at once; the sample lands a moment later. Watch for it, then reload.
  let poll: ReturnType<typeof setInterval> | undefined;
  onCleanup(() => clearInterval(poll));
  const sample = useAction(async () => {
    const before = rank()?.sampledAt ?? null;
    const started = await sampleNow(params.cluster);
    setNotice(started.mode === 'lambda' ? 'The sampler function was started; the new sample appears here when it is done.' : 'Sampling now…');
    clearInterval(poll);
    const deadline = Date.now() + 120_000;
    poll = setInterval(() => {
      void getRanking(params.cluster, 'bytes').then((r) => {
        if (r.sampledAt !== before) {
          clearInterval(poll);
          setNotice(`New sample taken at ${fmtDateTime(r.sampledAt ?? '')}${r.partial ? ' (partial)' : ''}.`);
          setVersion((v) => v + 1);
        } else if (Date.now() > deadline) {
          clearInterval(poll);
          setNotice('No new sample after two minutes; the sampler may have failed (see its logs).');
        }
      }, () => undefined);
    }, 1_500);
  });

  return (
    <section class="page storage-page">
      <header class="page-head">
        <h1>Storage</h1>
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
        <div class="page-actions">
          <div class="seg" role="radiogroup" aria-label="Window">
            <For each={WINDOWS}>
              {(w) => (
                <label class="seg-option" classList={{ active: period() === w.id }}>
                  <input type="radio" name="storage-window" value={w.id} checked={period() === w.id} onChange={() => setPeriod(w.id)} />
                  {w.label}
                </label>
              )}
            </For>
          </div>
          <button type="button" class="btn" disabled={ranking.loading} onClick={() => setVersion((v) => v + 1)}>
            Refresh
          </button>
          <Show when={canSample()}>
            <button type="button" class="btn btn-primary" disabled={sample.busy()} onClick={() => void sample.run()}>
              Sample now
            </button>
          </Show>
        </div>
      </header>

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
      <Show when={sample.error()}>{(e) => <ErrorBox error={e()} />}</Show>
      <Show when={ranking.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetchRanking()} />}</Show>
      <Show when={rank()}>{(r) => <SampleStatus header={r()} />}</Show>
      <Show when={rank() && !rank()?.sampledAt}>
        <p class="muted" data-testid="no-sample">
          No storage sample yet. The sampler runs every 5 minutes{canSample() ? '; or take one now.' : '.'}
        </p>
      </Show>

      <div class="panel" aria-label="Broker disks" role="region">
        <div class="panel-head">
          <h2>Broker disks</h2>
          <span class="muted small">Kafka data · other use of the volume · free; growth over the window</span>
        </div>
        <div class="panel-body">
          <Show when={disks.error}>{(e) => <ErrorBox error={e()} />}</Show>
          <Show when={disk()}>
            {(d) => <BrokerDisks data={d()} selected={selectedBroker()} onSelect={(b) => setSearch({ broker: String(b) })} />}
          </Show>
          <Show when={selectedBroker() !== undefined && disk()?.sizes.available}>
            <BrokerGrowth cluster={params.cluster} broker={selectedBroker() as number} window={period()} version={version()} />
          </Show>
        </div>
      </div>

      <div class="panel" aria-label="Disk usage ranking" role="region">
        <div class="panel-head">
          <h2>Topics by disk usage</h2>
          <div class="panel-tools">
            <div class="seg" role="radiogroup" aria-label="Size">
              <label class="seg-option" classList={{ active: !leaderOnly() }}>
                <input type="radio" name="storage-size" checked={!leaderOnly()} onChange={() => setLeaderOnly(false)} />
                All replicas
              </label>
              <label class="seg-option" classList={{ active: leaderOnly() }}>
                <input type="radio" name="storage-size" checked={leaderOnly()} onChange={() => setLeaderOnly(true)} />
                Leaders only
              </label>
            </div>
            <input class="search-input" type="search" placeholder="Filter topics" aria-label="Filter topics" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
            <Show when={rank()}>
              {(r) => (
                <span class="muted small">
                  {fmtInt(r().totals.topics)} topics · {fmtBytes(leaderOnly() ? r().totals.leaderBytes : r().totals.bytes)}
                </span>
              )}
            </Show>
          </div>
        </div>
        <Show when={rank()}>
          {(r) => (
            <RankingTable
              items={items()}
              leaderOnly={leaderOnly()}
              sizesAvailable={r().sizes.available}
              brokers={brokers()}
              selected={search.topic}
              onSelect={(topic) => setSearch({ topic })}
            />
          )}
        </Show>
      </div>

      <Show when={search.topic}>
        {(topic) => (
          <div class="panel" aria-label={`Topic ${topic()}`} role="region" data-testid="topic-storage">
            <div class="panel-head">
              <h2 class="mono">{topic()}</h2>
              <div class="panel-tools">
                <A href={topicHref(params.cluster, topic())} class="small">
                  Topic detail
                </A>
                <button type="button" class="btn btn-small" onClick={() => setSearch({ topic: undefined })}>
                  Close
                </button>
              </div>
            </div>
            <div class="panel-body">
              <TopicStorage
                cluster={params.cluster}
                topic={topic()}
                window={period()}
                version={version()}
                onApplied={(m) => {
                  setNotice(m);
                  setVersion((v) => v + 1);
                }}
              />
            </div>
          </div>
        )}
      </Show>

      <div class="panel" aria-label="Retention audit" role="region">
        <div class="panel-head">
          <h2>Retention audit</h2>
          <span class="muted small">Daily, and on demand</span>
        </div>
        <AuditPanel cluster={params.cluster} onSelectTopic={(topic) => setSearch({ topic })} />
      </div>
    </section>
  );
}
