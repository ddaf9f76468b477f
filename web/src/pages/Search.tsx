import { useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, on, Show } from 'solid-js';
import { getCoverage } from '../api/search';
import { ExportControl } from '../features/export/ExportControl';
import { searchSource } from '../features/export/sources';
import { CoverageNote } from '../features/search/CoverageNote';
import { coverageInScope } from '../features/search/coverage';
import { FacetList } from '../features/search/FacetList';
import { FilterChips } from '../features/search/FilterChips';
import { Histogram } from '../features/search/Histogram';
import { MessageDetail } from '../features/search/MessageDetail';
import { addFilter, queryFilters, removeFilter, type QueryFilter } from '../features/search/queryFilters';
import { ResultList } from '../features/search/ResultList';
import { SearchForm } from '../features/search/SearchForm';
import { rangeFromQuery, rangeToQuery, type TimeRange } from '../features/search/timeRange';
import { useSearch } from '../features/search/useSearch';
import { ErrorBox } from '../ui/ErrorBox';
import { fmtInt } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import '../features/search/search.css';

type Params = { q?: string; range?: string; from?: string; to?: string; limit?: string };

/** History search over indexed messages: the URL holds the search, so it can be shared. */
export function Search() {
  const params = useParams<{ cluster: string }>();
  const [search, setSearch] = useSearchParams<Params>();
  const s = useSearch();
  const [coverageResource, { refetch: refetchCoverage }] = createResource(() => params.cluster, (cluster) => getCoverage(cluster));
  // Read guarded: an errored resource throws when read; its problem is shown below instead.
  const coverage = () => (coverageResource.error ? undefined : coverageResource.latest);

  const range = (): TimeRange => rangeFromQuery(search);
  const limit = () => Math.min(5000, Math.max(1, Number(search.limit) || 500));
  const filters = createMemo(() => queryFilters(search.q ?? ''));
  const topicsNamed = () => filters().filter((f) => f.field === 'topic').map((f) => f.value);
  const run = () => {
    const query = search.q;
    if (query === undefined) return;
    void s.run({ cluster: params.cluster, query, range: range(), limit: limit() });
    // The plan may have changed since the last search: what is covered is asked again with each.
    if (!coverageResource.loading) void refetchCoverage();
  };

  const go = (query: string, r: TimeRange, n: number) => {
    const q = query.trim() || '*';
    const same = q === search.q && JSON.stringify(r) === JSON.stringify(range()) && n === limit();
    setSearch({ q, ...rangeToQuery(r), limit: String(n) });
    // The same URL again ("last hour" is later now): the effect will not fire, so search here.
    if (same) run();
  };

  createEffect(on(() => [params.cluster, search.q, search.range, search.from, search.to, search.limit], run));

  // The filter lands in the query (box, URL and chips alike); hits, facets and results follow it.
  const pickFacet = (field: string, value: string) => go(addFilter(search.q ?? '*', field, value), range(), limit());
  const dropFilter = (f: QueryFilter) => go(removeFilter(search.q ?? '*', f), range(), limit());
  const zoom = (start: string, end: string) => go(search.q ?? '*', { kind: 'absolute', from: start, to: end }, limit());

  const emptyText = () => {
    if (search.q === undefined) return 'Type a query, or pick an example.';
    if (s.busy()) return 'Searching…';
    const c = coverage();
    if (!c) return 'No messages match.';
    const scope = coverageInScope(c, topicsNamed());
    const why = [
      scope.sampled.length > 0 ? 'a match may have been sampled out' : '',
      scope.notIndexedTotal > 0 ? `${scope.notIndexedTotal} ${scope.notIndexedTotal === 1 ? 'topic is' : 'topics are'} not indexed (scan them in Kafka, above)` : '',
    ].filter(Boolean);
    return `No indexed message matches.${why.length > 0 ? ` Note: ${why.join('; ')}.` : ''}`;
  };

  return (
    <section class="page page-fill page-wide">
      <PageHeader title="Search">
        <span class="page-sub">LogsQL over the indexed messages of this cluster</span>
      </PageHeader>
      <SearchForm query={search.q ?? ''} range={range()} limit={limit()} busy={s.busy()} onSearch={go} onCancel={s.stop} />
      <FilterChips filters={filters()} onRemove={dropFilter} />
      <Show when={s.error()}>{(e) => <ErrorBox error={e()} onRetry={run} />}</Show>
      <Show when={s.extrasError()}>{(e) => <ErrorBox error={e()} onRetry={run} />}</Show>
      <Show when={coverageResource.error as unknown}>{(e) => <ErrorBox error={e()} onRetry={() => void refetchCoverage()} />}</Show>
      <Show when={s.hits()}>{(h) => <Histogram data={h()} onZoom={zoom} />}</Show>
      <div class="export-row">
        <div class="search-status muted small" role="status" aria-live="polite">
          {s.status()}
          {/* Read inside JSX so it follows every new histogram, not only the first. */}
          <Show when={s.hits()}>{(h) => <> · <span data-testid="search-total">{fmtInt(h().total)}</span> hits in the range</>}</Show>
        </div>
        <Show when={s.searched()}>
          {(w) => (
            <ExportControl
              what="search results"
              disabled={s.busy() || !!s.error()}
              source={() => searchSource(params.cluster, w())}
              note="The same search and time window, newest first, streamed from the index."
            />
          )}
        </Show>
      </div>
      <Show when={coverage()}>{(c) => <CoverageNote cluster={params.cluster} coverage={c()} topics={topicsNamed()} query={search.q ?? '*'} />}</Show>
      <div class="search-main">
        <Show when={s.facets()}>{(f) => <FacetList facets={f()} onPick={pickFacet} />}</Show>
        <ResultList rows={s.rows()} selected={s.selected()} onSelect={s.setSelected} empty={emptyText()} />
        <Show when={s.selected() !== undefined && s.rows()[s.selected() as number]}>
          {(row) => <MessageDetail cluster={params.cluster} row={row()} onClose={() => s.setSelected(undefined)} />}
        </Show>
      </div>
    </section>
  );
}
