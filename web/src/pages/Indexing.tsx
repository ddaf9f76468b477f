import { useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { getIndexing, type MappingProblem, type TopicIndexing } from '../api/indexing';
import { toProblem } from '../api/http';
import { getStoragePrice } from '../api/storage';
import { listTopics } from '../api/topics';
import { ErrorBox } from '../ui/ErrorBox';
import { PageHeader, RefreshButton } from '../ui/PageHeader';
import { clientProblem } from '../ui/problem';
import { IndexingSummary } from '../features/indexing/IndexingSummary';
import { IndexingTable, MappingsBeingRemoved } from '../features/indexing/IndexingTable';
import { TopicIndexingDialog } from '../features/indexing/TopicIndexingDialog';
import { VectorConfigPanel } from '../features/indexing/VectorConfigPanel';
import { useHasRole } from '../app/SessionContext';
import '../features/indexing/indexing.css';

/** Per topic: indexing on/off, sample rate and keep rules (operators), and what it saved. */
export function Indexing() {
  const params = useParams<{ cluster: string }>();
  const canEdit = useHasRole('operator');
  const [plan, { refetch }] = createResource(() => params.cluster, (c) => getIndexing(c));
  const [price] = createResource(() => params.cluster, (c) => getStoragePrice(c));
  const [names] = createResource(() => params.cluster, async (c) => (await listTopics(c, { limit: 1000 })).items.map((t) => t.name));
  // A failed resource throws when read: its error is shown below instead.
  const loaded = () => (plan.error ? undefined : plan.latest);
  const [editing, setEditing] = createSignal<TopicIndexing | 'new'>();
  const [version, setVersion] = createSignal(0);
  // The last save's plan was stored but its mapping did not follow (yet): said until the next save.
  const [unfollowed, setUnfollowed] = createSignal<{ topic: string; problem: MappingProblem }>();

  return (
    <section class="page">
      <PageHeader
        title="Indexing"
        actions={
          <>
            <RefreshButton busy={plan.loading} onClick={() => void refetch()} />
            <Show when={canEdit() && loaded()?.writable}>
              <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
                Index a topic…
              </button>
            </Show>
          </>
        }
      >
        <Show when={loaded()}>{(p) => <IndexingSummary topics={p().topics} price={price.error ? undefined : price.latest} />}</Show>
      </PageHeader>
      <p class="muted small indexing-intro">
        Indexed records become searchable in Search. Sampling is by record key (a key’s records are kept or dropped together);
        keep rules always index what they match. Built-in indexer group: <span class="mono">{loaded()?.runners.builtin.consumerGroup ?? '…'}</span>.
      </p>
      <Show when={plan.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetch()} />}</Show>
      <Show when={loaded()?.statsError}>
        {(s) => <ErrorBox error={clientProblem('Counters unavailable', s().detail, s().code, 503)} />}
      </Show>
      <Show when={loaded()?.mappingsError}>
        {(m) => <ErrorBox error={clientProblem('Event source mappings unavailable', m().detail, m().code, 503)} />}
      </Show>
      <Show when={unfollowed()}>
        {(u) => (
          <ErrorBox
            error={clientProblem(`Plan of ${u().topic} saved; its mapping follows on the reconciler’s next run`, u().problem.detail, u().problem.code)}
          />
        )}
      </Show>
      <Show when={canEdit() && names.error}>
        {(e) => {
          const p = toProblem(e());
          return <ErrorBox error={clientProblem('Topic names unavailable', p.detail, p.code, p.status)} />;
        }}
      </Show>
      <Show when={loaded()?.writable === false}>
        <p class="muted small">This deployment fixes the plan (KAFKA_PLUS_INDEXING_PLAN); change it there.</p>
      </Show>
      <Show when={loaded()}>
        {(p) => (
          <>
            <IndexingTable
              topics={p().topics}
              showMappings={p().orchestrated || p().topics.some((t) => t.mapping)}
              canEdit={canEdit() && p().writable}
              onEdit={(t) => setEditing(t)}
            />
            <MappingsBeingRemoved mappings={p().mappingsBeingRemoved} />
          </>
        )}
      </Show>
      <VectorConfigPanel cluster={params.cluster} version={version()} />
      <Show when={editing() && loaded()}>
        {(p) => (
          <TopicIndexingDialog
            cluster={params.cluster}
            plan={p()}
            current={editing() === 'new' ? undefined : (editing() as TopicIndexing)}
            topicNames={(names.error ? [] : (names.latest ?? [])).filter((n) => !p().topics.some((t) => t.topic === n))}
            onClose={() => setEditing(undefined)}
            onSaved={(result) => {
              setEditing(undefined);
              setUnfollowed(result?.mappingError ? { topic: result.topic, problem: result.mappingError } : undefined);
              setVersion(version() + 1);
              void refetch();
            }}
          />
        )}
      </Show>
    </section>
  );
}
