import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { getOverview } from '../api/overview';
import { getTopic } from '../api/topics';
import { sectionHref } from '../app/sections';
import { useHasRole } from '../app/SessionContext';
import { AuditTrail } from '../features/audit/AuditTrail';
import { TopicConsumers } from '../features/groups/TopicConsumers';
import { TopicStorage } from '../features/storage/TopicStorage';
import { WindowSwitch } from '../features/storage/WindowSwitch';
import type { WindowId } from '../features/storage/format';
import { PartitionMatrix } from '../features/topics/PartitionMatrix';
import { TopicAdmin } from '../features/topics/TopicAdmin';
import { TopicConfigs } from '../features/topics/TopicConfigs';
import { TopicHeadline } from '../features/topics/TopicHeadline';
import { TopicIndexing } from '../features/topics/TopicIndexing';
import { TopicMessages } from '../features/topics/TopicMessages';
import { TopicSearch } from '../features/topics/TopicSearch';
import { tabOf, TopicTabs } from '../features/topics/TopicTabs';
import { ErrorBox } from '../ui/ErrorBox';
import { decodeParam } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { Notice } from '../ui/Notice';
import { PageHeader, RefreshButton } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';

/** Everything about one topic, one tab per concern; the tab is the URL's last segment. */
export function TopicDetail() {
  const params = useParams<{ cluster: string; topic: string; tab?: string }>();
  const navigate = useNavigate();
  const isAdmin = useHasRole('admin');
  const topicName = () => decodeParam(params.topic);
  const tab = () => tabOf(params.tab);
  const [notice, setNotice] = createSignal<string>();
  // Bumped after every admin action so the audit trail and storage views show it.
  const [version, setVersion] = createSignal(0);
  const [storageWindow, setStorageWindow] = createSignal<WindowId>('7d');
  const [editConfig, setEditConfig] = createSignal<string>();
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
  const [overview, { refetch: refetchOverview }] = createResource(
    () => (tab() === 'overview' ? params.cluster : false),
    (c) => getOverview(c),
  );

  const topic = () => (detail.error ? undefined : detail.latest);
  const brokers = () => (overview.error ? [] : (overview.latest?.brokers ?? []));

  const changed = (message: string) => {
    setNotice(message);
    setVersion((v) => v + 1);
    void refetch();
  };

  return (
    <section class="page topic-page" classList={{ 'page-fill': tab() === 'messages' }}>
      <PageHeader
        title={topicName()}
        mono
        back={{ href: sectionHref(params.cluster, 'topics'), label: 'Topics' }}
        actions={<RefreshButton busy={detail.loading} onClick={refresh} />}
      >
        <Show when={topic()}>{(t) => <TopicHeadline topic={t()} />}</Show>
      </PageHeader>
      <TopicTabs cluster={params.cluster} topic={topicName()} current={tab() ?? 'overview'} />
      <Notice message={notice()} onDismiss={() => setNotice(undefined)} />

      <Switch
        fallback={
          <p class="warn-note">
            This topic page has no tab “{params.tab}”. <A href={sectionHref(params.cluster, 'topics')}>Back to the topics</A>
          </p>
        }
      >
        <Match when={tab() === 'overview'}>
          <Show when={isAdmin() && topic()}>
            {(t) => (
              <TopicAdmin
                cluster={params.cluster}
                topic={t()}
                onChanged={changed}
                onConfigs={(configs) => mutate({ ...t(), configs })}
                onDeleted={() => navigate(sectionHref(params.cluster, 'topics'), { replace: true })}
                editConfig={editConfig()}
                onEditClosed={() => setEditConfig(undefined)}
              />
            )}
          </Show>
          <Show when={topic() && overview.error}>
            <ErrorBox error={overview.error} onRetry={() => void refetchOverview()} />
          </Show>
          <Loaded resource={detail} loading="Loading topic…" onRetry={() => void refetch()}>
            {(t) => (
              <>
                <PartitionMatrix partitions={t().partitions} knownBrokers={brokers()} />
                <div class="two-col">
                  <TopicConfigs configs={t().configs} onEdit={isAdmin() ? setEditConfig : undefined} />
                  <AuditTrail cluster={params.cluster} target={t().name} version={version()} />
                </div>
              </>
            )}
          </Loaded>
        </Match>
        <Match when={tab() === 'messages'}>
          <Loaded resource={detail} loading="Loading topic…" onRetry={() => void refetch()}>
            {(t) => <TopicMessages cluster={params.cluster} topic={t().name} partitions={t().partitions.length} />}
          </Loaded>
        </Match>
        <Match when={tab() === 'consumers'}>
          <TopicConsumers cluster={params.cluster} topic={topicName()} />
        </Match>
        <Match when={tab() === 'storage'}>
          <Panel title="Storage" label="Storage of this topic" tools={<WindowSwitch value={storageWindow()} onChange={setStorageWindow} />}>
            <div class="panel-body">
              <TopicStorage
                cluster={params.cluster}
                topic={topicName()}
                window={storageWindow()}
                version={version()}
                onApplied={(m) => {
                  setNotice(m);
                  setVersion((v) => v + 1);
                }}
              />
            </div>
          </Panel>
        </Match>
        <Match when={tab() === 'indexing'}>
          <TopicIndexing cluster={params.cluster} topic={topicName()} />
        </Match>
        <Match when={tab() === 'search'}>
          <TopicSearch cluster={params.cluster} topic={topicName()} />
        </Match>
        <Match when={tab() === 'audit'}>
          <AuditTrail cluster={params.cluster} target={topicName()} version={version()} />
        </Match>
      </Switch>
    </section>
  );
}
