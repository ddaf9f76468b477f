import { useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, on, Show, untrack } from 'solid-js';
import { listGroups } from '../api/groups';
import { ErrorBox } from '../ui/ErrorBox';
import { fmtInt } from '../ui/format';
import { PageHeader, RefreshButton } from '../ui/PageHeader';
import { groupMatches } from '../features/groups/groupFilter';
import { GroupTable } from '../features/groups/GroupTable';

export function Groups() {
  const params = useParams<{ cluster: string }>();
  // The list arrives whole, so filtering is local and instant; the URL keeps it shareable.
  const [search, setSearch] = useSearchParams<{ q?: string }>();
  const [q, setQ] = createSignal(untrack(() => search.q ?? ''));
  createEffect(
    on(
      q,
      (v) => {
        if ((v || undefined) !== search.q) setSearch({ q: v || undefined }, { replace: true });
      },
      { defer: true },
    ),
  );
  const [groups, { refetch }] = createResource(() => params.cluster, (c) => listGroups(c));

  const all = () => (groups.error ? [] : (groups.latest?.items ?? []));
  const shown = createMemo(() => {
    const needle = q().trim().toLowerCase();
    const list = all();
    return needle ? list.filter((g) => groupMatches(g, needle)) : list;
  });

  const emptyText = () => {
    if (groups.loading && !groups.latest) return 'Loading consumer groups…';
    if (groups.error) return 'Consumer groups could not be loaded.';
    return q() ? `No groups match “${q()}”.` : 'This cluster has no consumer groups.';
  };

  return (
    <section class="page page-fill">
      <PageHeader title="Consumer groups" actions={<RefreshButton busy={groups.loading} onClick={() => void refetch()} />}>
        <Show when={!groups.error && groups.latest}>
          <span class="page-sub" data-testid="groups-total">
            {fmtInt(all().length)} {all().length === 1 ? 'group' : 'groups'}
          </span>
        </Show>
      </PageHeader>

      <div class="toolbar" role="search">
        <label for="group-filter" class="visually-hidden">
          Filter groups
        </label>
        <input
          id="group-filter"
          type="search"
          class="search-input"
          placeholder="Filter by group id, state, type or topic…"
          autocomplete="off"
          value={q()}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <span class="toolbar-status muted small" aria-live="polite">
          {groups.loading ? 'Loading…' : q() ? `${fmtInt(shown().length)} shown` : ''}
        </span>
      </div>

      <Show when={groups.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetch()} />}</Show>

      <GroupTable cluster={params.cluster} items={shown()} empty={emptyText()} />
    </section>
  );
}
