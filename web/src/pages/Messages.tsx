import { useParams, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { ErrorBox } from '../ui/ErrorBox';
import { fmtInt } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { Segmented } from '../ui/Segmented';
import { BrowsePanel } from '../features/messages/BrowsePanel';
import { parseDeepLink, parseLinkedFilter, partitionCount, sameDeepLink, type LinkedFilter } from '../features/messages/deepLink';
import { TailPanel } from '../features/messages/TailPanel';
import { TopicPicker } from '../features/messages/TopicPicker';
import { ProduceDialog } from '../features/produce/ProduceDialog';
import { useHasRole } from '../app/SessionContext';
import '../features/messages/messages.css';

type Mode = 'browse' | 'tail';

const MODES: { value: Mode; label: string }[] = [
  { value: 'browse', label: 'Browse' },
  { value: 'tail', label: 'Live tail' },
];

interface Search {
  topic?: string;
  mode?: string;
  partition?: string;
  offset?: string;
  /** Browse's filter, so a link (e.g. from Search) can open browse filtered. */
  filter?: string;
  filterField?: string;
  filterKind?: string;
  header?: string;
}

/**
 * Messages of one topic, read two ways: Browse (a range, by offset or time)
 * and Live tail (new messages as they arrive, filtered on the server). The
 * topic and mode live in the URL, so the Search page can link to a record.
 */
export function Messages() {
  const params = useParams<{ cluster: string }>();
  const [search, setSearch] = useSearchParams<Search & Record<string, string>>();

  const topic = () => search.topic ?? '';
  const mode = (): Mode => (search.mode === 'tail' ? 'tail' : 'browse');

  const deepLink = createMemo(() => parseDeepLink(search.offset, search.partition), undefined, { equals: sameDeepLink });
  const linkedFilter = (): LinkedFilter | undefined => parseLinkedFilter(search);

  const canProduce = useHasRole('operator');
  const [producing, setProducing] = createSignal(false);
  const [pickerError, setPickerError] = createSignal<{ error: unknown; retry: () => void }>();
  const [meta] = createResource(
    () => (topic() ? { cluster: params.cluster, topic: topic() } : false),
    partitionCount,
  );
  const partitions = () => (meta.error ? undefined : meta());

  // A record link only makes sense for the topic it came with.
  const chooseTopic = (t: string) =>
    setSearch({ topic: t || undefined, partition: undefined, offset: undefined, filter: undefined, filterField: undefined, filterKind: undefined, header: undefined }, { replace: true });
  const chooseMode = (m: Mode) => setSearch({ mode: m === 'tail' ? 'tail' : undefined, partition: undefined, offset: undefined });

  return (
    <section class="page page-fill page-wide">
      <PageHeader title="Messages">
        <Show when={topic() && partitions() !== undefined}>
          <span class="page-sub">
            <span class="mono">{topic()}</span> · {fmtInt(partitions())} {partitions() === 1 ? 'partition' : 'partitions'}
          </span>
        </Show>
      </PageHeader>

      <div class="toolbar msg-toolbar">
        <TopicPicker
          cluster={params.cluster}
          value={topic()}
          onChange={chooseTopic}
          onError={(error, retry) => setPickerError(error === undefined ? undefined : { error, retry })}
        />
        <Segmented label="Mode" options={MODES} value={mode()} onChange={chooseMode} />
        <Show when={canProduce() && topic() && partitions() !== undefined}>
          <button type="button" class="btn" onClick={() => setProducing(true)}>
            Produce…
          </button>
        </Show>
      </div>
      <Show when={producing()}>
        <ProduceDialog cluster={params.cluster} topic={topic()} partitions={partitions()} onClose={() => setProducing(false)} />
      </Show>

      {/* One box for both lookups: they fail together when the cluster is unreachable. */}
      <Show when={pickerError()} fallback={<Show when={meta.error}>{(e) => <ErrorBox error={e()} />}</Show>}>
        {(p) => <ErrorBox error={p().error} onRetry={p().retry} />}
      </Show>
      <Show when={topic() && meta.state === 'ready' && meta() === undefined}>
        <p class="warn-note">
          No topic named <span class="mono">{topic()}</span> was found in this cluster.
        </p>
      </Show>

      <Switch>
        <Match when={mode() === 'browse'}>
          <BrowsePanel cluster={params.cluster} topic={topic()} partitions={partitions()} deepLink={deepLink()} linkedFilter={linkedFilter()} />
        </Match>
        <Match when={mode() === 'tail'}>
          <TailPanel cluster={params.cluster} topic={topic()} partitions={partitions()} />
        </Match>
      </Switch>
    </section>
  );
}
