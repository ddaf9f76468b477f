import { useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, on, onCleanup, Show, untrack } from 'solid-js';
import { ErrorBox } from '../ui/ErrorBox';
import { fmtInt } from '../ui/format';
import { PageHeader, RefreshButton } from '../ui/PageHeader';
import { PagedListFoot } from '../ui/PagedListFoot';
import { GroupTable } from '../features/groups/GroupTable';
import { useGroupList } from '../features/groups/useGroupList';

const DEBOUNCE_MS = 250;

export function Groups() {
  const params = useParams<{ cluster: string }>();
  // The server filters and pages (45,000 groups are never fetched whole); the URL keeps the filter shareable.
  const [search, setSearch] = useSearchParams<{ q?: string }>();
  const [input, setInput] = createSignal(untrack(() => search.q ?? ''));
  const [q, setQ] = createSignal(untrack(() => (search.q ?? '').trim()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onInput = (value: string) => {
    setInput(value);
    clearTimeout(timer);
    timer = setTimeout(() => setQ(value.trim()), DEBOUNCE_MS);
  };
  onCleanup(() => clearTimeout(timer));
  createEffect(
    on(
      q,
      (v) => {
        if ((v || undefined) !== search.q) setSearch({ q: v || undefined }, { replace: true });
      },
      { defer: true },
    ),
  );

  const list = useGroupList(() => ({ cluster: params.cluster, q: q() }));

  const emptyText = () => {
    if (list.loading()) return 'Loading consumer groups…';
    if (list.error()) return 'Consumer groups could not be loaded.';
    return q() ? `No group ids contain “${q()}”.` : 'This cluster has no consumer groups.';
  };

  return (
    <section class="page page-fill">
      <PageHeader title="Consumer groups" actions={<RefreshButton busy={list.loading()} onClick={list.reload} />}>
        <Show when={list.total() !== undefined}>
          <span class="page-sub" data-testid="groups-total">
            {fmtInt(list.total())} {list.total() === 1 ? 'group' : 'groups'}
          </span>
        </Show>
      </PageHeader>

      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          clearTimeout(timer);
          setQ(input().trim());
        }}
      >
        <label for="group-filter" class="visually-hidden">
          Filter groups
        </label>
        <input
          id="group-filter"
          type="search"
          class="search-input"
          placeholder="Filter by group id…"
          autocomplete="off"
          maxLength={255}
          value={input()}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
        <span class="toolbar-status muted small" aria-live="polite">
          {list.loading() ? 'Loading…' : ''}
        </span>
      </form>
      <p class="muted small" role="note" data-testid="groups-note">
        Sorted by group id, the order the server pages in. Total lag covers committed partitions only: a partition the group has
        never committed on is not counted (its page lists them).
      </p>

      <Show when={list.error()}>{(e) => <ErrorBox error={e()} onRetry={list.reload} />}</Show>

      <GroupTable cluster={params.cluster} items={list.items()} empty={emptyText()} resetKey={list.generation()} />

      <PagedListFoot list={list} shownTestId="groups-shown" />
    </section>
  );
}
