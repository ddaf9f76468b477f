import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { getIndexing } from '../../api/indexing';
import { sectionHref } from '../../app/sections';
import { useHasRole } from '../../app/SessionContext';
import { fmtBytes, fmtDateTime, fmtInt, fmtPct } from '../../ui/format';
import { Loaded } from '../../ui/Loaded';
import { Panel } from '../../ui/Panel';
import { MappingState } from '../indexing/IndexingTable';
import { TopicIndexingDialog } from '../indexing/TopicIndexingDialog';
import './topics.css';

/** This topic's line of the indexing plan: whether it is indexed, at what rate, what was saved; operators edit it here. */
export function TopicIndexing(props: { cluster: string; topic: string }) {
  const canEdit = useHasRole('operator');
  const [plan, { refetch }] = createResource(() => props.cluster, (c) => getIndexing(c));
  const [editing, setEditing] = createSignal(false);
  const entry = () => (plan.error ? undefined : plan.latest?.topics.find((t) => t.topic === props.topic));

  return (
    <Panel
      title="Indexing"
      label="Indexing of this topic"
      tools={
        <>
          <A href={sectionHref(props.cluster, 'indexing')} class="small">
            Whole plan
          </A>
          <Show when={canEdit() && plan.latest?.writable}>
            <button type="button" class="btn btn-small" onClick={() => setEditing(true)}>
              {entry() ? 'Edit indexing…' : 'Index this topic…'}
            </button>
          </Show>
        </>
      }
    >
      <div class="panel-body">
        <Loaded resource={plan} loading="Loading the indexing plan…" onRetry={() => void refetch()}>
          {(p) => (
            <Show
              when={entry()}
              fallback={
                <p data-testid="topic-indexing-state">
                  Not indexed: its records are not searchable in Search. Live tail and Browse read Kafka directly.
                </p>
              }
            >
              {(t) => (
                <dl class="kv-list" data-testid="topic-indexing-state">
                  <dt>State</dt>
                  <dd>{t().enabled ? 'indexed' : 'in the plan, disabled'}</dd>
                  <dt>Sample rate</dt>
                  <dd>{fmtPct(t().sampleRate)} of keys</dd>
                  <dt>Keep rules</dt>
                  <dd class="mono">{t().keep.length ? t().keep.join(', ') : '—'}</dd>
                  <dt>Value cap</dt>
                  <dd>{fmtBytes(t().maxValueBytes)}</dd>
                  <Show when={t().stats}>
                    {(s) => (
                      <>
                        <dt>Indexed</dt>
                        <dd>
                          {fmtInt(s().indexed)} of {fmtInt(s().seen)} records ({fmtBytes(s().bytesIndexed)})
                          <Show when={s().lastIndexedAt}>{(at) => <>, last at {fmtDateTime(at())}</>}</Show>
                        </dd>
                      </>
                    )}
                  </Show>
                  <Show when={p().orchestrated}>
                    <dt>Mapping</dt>
                    <dd>
                      <MappingState mapping={t().mapping} />
                    </dd>
                  </Show>
                </dl>
              )}
            </Show>
          )}
        </Loaded>
      </div>
      <Show when={editing() && plan.latest}>
        {(p) => (
          <TopicIndexingDialog
            cluster={props.cluster}
            plan={p()}
            current={entry()}
            topic={props.topic}
            topicNames={[props.topic]}
            onClose={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              void refetch();
            }}
          />
        )}
      </Show>
    </Panel>
  );
}
