import { useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, on, Show } from 'solid-js';
import { ExportControl } from '../features/export/ExportControl';
import { searchSource } from '../features/export/sources';
import { FacetList } from '../features/search/FacetList';
import { Histogram } from '../features/search/Histogram';
import { MessageDetail } from '../features/search/MessageDetail';
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
  const [formKey, setFormKey] = createSignal(0);

  const range = (): TimeRange => rangeFromQuery(search);
  const limit = () => Math.min(5000, Math.max(1, Number(search.limit) || 500));
  const run = () => {
    const query = search.q;
    if (query !== undefined) void s.run({ cluster: params.cluster, query, range: range(), limit: limit() });
  };

  const go = (query: string, r: TimeRange, n: number) => {
    const q = query.trim() || '*';
    const same = q === search.q && JSON.stringify(r) === JSON.stringify(range()) && n === limit();
    setSearch({ q, ...rangeToQuery(r), limit: String(n) });
    // The same URL again ("last hour" is later now): the effect will not fire, so search here.
    if (same) run();
  };

  createEffect(on(() => [params.cluster, search.q, search.range, search.from, search.to, search.limit], run));

  const pickFacet = (field: string, value: string) => {
    setFormKey(formKey() + 1);
    go(`${search.q && search.q !== '*' ? `${search.q} ` : ''}${field}:=${JSON.stringify(value)}`, range(), limit());
  };
  const zoom = (start: string, end: string) => {
    setFormKey(formKey() + 1);
    go(search.q ?? '*', { kind: 'absolute', from: start, to: end }, limit());
  };

  return (
    <section class="page page-fill page-wide">
      <PageHeader title="Search">
        <span class="page-sub">LogsQL over the indexed messages of this cluster</span>
      </PageHeader>
      <Show keyed when={`${formKey()}`}>
        <SearchForm query={search.q ?? ''} range={range()} limit={limit()} busy={s.busy()} onSearch={go} onCancel={s.stop} />
      </Show>
      <Show when={s.error()}>{(e) => <ErrorBox error={e()} onRetry={run} />}</Show>
      <Show when={s.extrasError()}>{(e) => <ErrorBox error={e()} onRetry={run} />}</Show>
      <Show when={s.hits()}>{(h) => <Histogram data={h()} onZoom={zoom} />}</Show>
      <div class="export-row">
        <div class="search-status muted small" role="status" aria-live="polite">
          {s.status()}
          <Show when={s.hits()}>{(h) => ` · ${fmtInt(h().total)} hits in the range`}</Show>
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
      <div class="search-main">
        <Show when={s.facets()}>{(f) => <FacetList facets={f()} onPick={pickFacet} />}</Show>
        <ResultList
          rows={s.rows()}
          selected={s.selected()}
          onSelect={s.setSelected}
          empty={search.q === undefined ? 'Type a query, or pick an example.' : s.busy() ? 'Searching…' : 'No messages match.'}
        />
        <Show when={s.selected() !== undefined && s.rows()[s.selected() as number]}>
          {(row) => <MessageDetail cluster={params.cluster} row={row()} onClose={() => s.setSelected(undefined)} />}
        </Show>
      </div>
    </section>
  );
}
