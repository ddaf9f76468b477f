import { useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, on, onCleanup, Show, untrack } from 'solid-js';
import { CreateTopicDialog } from '../features/topics/CreateTopicDialog';
import { ErrorBox } from '../ui/ErrorBox';
import { fmtDateTime, fmtInt } from '../ui/format';
import type { SortState } from '../ui/SortButton';
import type { TopicSort } from '../api/topics';
import { PageHeader } from '../ui/PageHeader';
import { PagedListFoot } from '../ui/PagedListFoot';
import { topicHref } from '../app/sections';
import { useHasRole } from '../app/SessionContext';
import { TopicTable } from '../features/topics/TopicTable';
import { useTopicList } from '../features/topics/useTopicList';

const DEBOUNCE_MS = 250;
const SORTS: TopicSort[] = ['name', 'partitions', 'replicationFactor', 'messages', 'bytes'];

export function Topics() {
  const params = useParams<{ cluster: string }>();
  const [search, setSearch] = useSearchParams<{ q?: string; internal?: string; sort?: string; order?: string }>();
  const navigate = useNavigate();
  const isAdmin = useHasRole('admin');
  const [creating, setCreating] = createSignal(false);

  // The URL holds the filter so a search can be shared or survive a reload.
  const [input, setInput] = createSignal(untrack(() => search.q ?? ''));
  const [q, setQ] = createSignal(untrack(() => search.q ?? ''));
  const [internal, setInternal] = createSignal(untrack(() => search.internal === 'true'));

  let timer: ReturnType<typeof setTimeout> | undefined;
  const onInput = (value: string) => {
    setInput(value);
    clearTimeout(timer);
    timer = setTimeout(() => setQ(value.trim()), DEBOUNCE_MS);
  };
  const searchNow = () => {
    clearTimeout(timer);
    setQ(input().trim());
  };
  onCleanup(() => clearTimeout(timer));

  createEffect(
    on([q, internal], ([qv, iv]) => {
      const want = { q: qv || undefined, internal: iv ? 'true' : undefined };
      if (want.q !== search.q || want.internal !== search.internal) setSearch(want, { replace: true });
    }),
  );

  // The order lives in the URL too, so a sorted list survives a reload and Back.
  const sort = (): SortState<TopicSort> => ({
    key: SORTS.includes(search.sort as TopicSort) ? (search.sort as TopicSort) : 'name',
    order: search.order === 'desc' ? 'desc' : 'asc',
  });
  const setSort = (s: SortState<TopicSort>) =>
    setSearch({ sort: s.key === 'name' ? undefined : s.key, order: s.order === 'asc' ? undefined : s.order });

  const list = useTopicList(() => ({ cluster: params.cluster, q: q(), internal: internal(), sort: sort().key, order: sort().order }));
  const sizeNote = () => {
    const s = list.sizes();
    if (s?.problem) return `Sizes unavailable: ${s.problem.detail}`;
    if (s?.sampledAt) return `All replicas, from the storage sample of ${fmtDateTime(s.sampledAt)}`;
    return 'No storage sample yet (Storage → Sample now)';
  };

  const emptyText = () => {
    if (list.loading()) return 'Loading topics…';
    if (list.error()) return 'Topics could not be loaded.';
    return q() ? `No topics match “${q()}”.` : 'This cluster has no topics.';
  };

  return (
    <section class="page page-fill">
      <PageHeader
        title="Topics"
        actions={
          <Show when={isAdmin()}>
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              Create topic…
            </button>
          </Show>
        }
      >
        <Show when={list.total() !== undefined}>
          <span class="page-sub" data-testid="topics-total">
            {fmtInt(list.total())} {list.total() === 1 ? 'topic' : 'topics'}
          </span>
        </Show>
      </PageHeader>
      <Show when={creating()}>
        <CreateTopicDialog
          cluster={params.cluster}
          onClose={() => setCreating(false)}
          onCreated={(name) => navigate(topicHref(params.cluster, name))}
        />
      </Show>

      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          searchNow();
        }}
      >
        <label for="topic-search" class="visually-hidden">
          Search topics
        </label>
        <input
          id="topic-search"
          type="search"
          class="search-input"
          placeholder="Search topics by name…"
          autocomplete="off"
          maxLength={249 /* Kafka's topic-name limit; the API rejects longer queries */}
          value={input()}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
        <label class="check">
          <input type="checkbox" checked={internal()} onChange={(e) => setInternal(e.currentTarget.checked)} />
          Show internal
        </label>
        <span class="toolbar-status muted small" aria-live="polite">
          {list.loading() ? 'Loading…' : ''}
        </span>
      </form>

      <Show when={list.error()}>{(e) => <ErrorBox error={e()} onRetry={list.reload} />}</Show>

      <Show when={list.sizes()?.problem}>
        {(p) => (
          <p class="warn-note small" data-testid="sizes-note">
            Sizes unavailable: {p().detail}
          </p>
        )}
      </Show>
      <TopicTable
        cluster={params.cluster}
        items={list.items()}
        empty={emptyText()}
        resetKey={list.generation()}
        sort={sort()}
        onSort={setSort}
        sizeNote={sizeNote()}
      />

      <PagedListFoot list={list} />
    </section>
  );
}
