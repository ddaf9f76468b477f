import { useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { getIndexing, type TopicIndexing } from '../api/indexing';
import { listTopics } from '../api/topics';
import { ErrorBox } from '../ui/ErrorBox';
import { clientProblem } from '../ui/problem';
import { fmtBytes, fmtInt, fmtPct } from '../ui/format';
import { IndexingTable } from '../features/indexing/IndexingTable';
import { TopicIndexingDialog } from '../features/indexing/TopicIndexingDialog';
import { VectorConfigPanel } from '../features/indexing/VectorConfigPanel';
import { useHasRole } from '../app/SessionContext';

/** Per topic: indexing on/off, sample rate and keep rules (operators), and what it saved. */
export function Indexing() {
  const params = useParams<{ cluster: string }>();
  const canEdit = useHasRole('operator');
  const [plan, { refetch }] = createResource(() => params.cluster, (c) => getIndexing(c));
  const [names] = createResource(() => params.cluster, async (c) => (await listTopics(c, { limit: 1000 })).items.map((t) => t.name));
  const [editing, setEditing] = createSignal<TopicIndexing | 'new'>();
  const [version, setVersion] = createSignal(0);

  const totals = () => {
    const topics = plan.latest?.topics ?? [];
    let seen = 0;
    let bytesSeen = 0;
    let saved = 0;
    let indexed = 0;
    for (const t of topics) {
      seen += t.stats?.seen ?? 0;
      indexed += t.stats?.indexed ?? 0;
      bytesSeen += t.stats?.bytesSeen ?? 0;
      saved += t.stats?.savedBytes ?? 0;
    }
    return { seen, indexed, saved, ratio: bytesSeen > 0 ? saved / bytesSeen : undefined };
  };

  return (
    <section class="page indexing-page">
      <header class="page-head">
        <h1>Indexing</h1>
        <Show when={plan.latest}>
          <span class="page-sub" data-testid="indexing-summary">
            {fmtInt(totals().indexed)} of {fmtInt(totals().seen)} records indexed · {fmtPct(totals().ratio)} storage saved ({fmtBytes(totals().saved)})
          </span>
        </Show>
        <div class="page-actions">
          <button type="button" class="btn" disabled={plan.loading} onClick={() => void refetch()}>
            Refresh
          </button>
          <Show when={canEdit() && plan.latest?.writable}>
            <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
              Index a topic…
            </button>
          </Show>
        </div>
      </header>
      <p class="muted small indexing-intro">
        Indexed records become searchable in Search. Sampling is by record key (a key’s records are kept or dropped together);
        keep rules always index what they match. Built-in indexer group: <span class="mono">{plan.latest?.runners.builtin.consumerGroup ?? '…'}</span>.
      </p>
      <Show when={plan.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetch()} />}</Show>
      <Show when={plan.latest?.statsError}>
        {(s) => <ErrorBox error={clientProblem('Counters unavailable', s().detail, s().code, 503)} />}
      </Show>
      <Show when={plan.latest && !plan.latest.writable}>
        <p class="muted small">This deployment fixes the plan (KAFKA_PLUS_INDEXING_PLAN); change it there.</p>
      </Show>
      <Show when={plan.latest}>
        {(p) => <IndexingTable topics={p().topics} canEdit={canEdit() && p().writable} onEdit={(t) => setEditing(t)} />}
      </Show>
      <VectorConfigPanel cluster={params.cluster} version={version()} />
      <Show when={editing() && plan.latest}>
        {(p) => (
          <TopicIndexingDialog
            cluster={params.cluster}
            plan={p()}
            current={editing() === 'new' ? undefined : (editing() as TopicIndexing)}
            topicNames={(names.latest ?? []).filter((n) => !p().topics.some((t) => t.topic === n))}
            onClose={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              setVersion(version() + 1);
              void refetch();
            }}
          />
        )}
      </Show>
    </section>
  );
}
