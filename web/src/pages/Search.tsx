import { useParams, useSearchParams } from '@solidjs/router';
import { batch, createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { toProblem } from '../api/http';
import { getFacets, getHits, streamSearch, type Facets, type Histogram as HistogramData, type SearchRow } from '../api/search';
import { ErrorBox } from '../ui/ErrorBox';
import { fmtInt } from '../ui/format';
import { FacetList } from '../features/search/FacetList';
import { Histogram } from '../features/search/Histogram';
import { MessageDetail } from '../features/search/MessageDetail';
import { ResultList } from '../features/search/ResultList';
import { SearchForm } from '../features/search/SearchForm';
import { rangeFromQuery, rangeToQuery, resolveRange, type TimeRange } from '../features/search/timeRange';

type Params = { q?: string; range?: string; from?: string; to?: string; limit?: string };

/** History search over indexed messages: the URL holds the search, so it can be shared. */
export function Search() {
  const params = useParams<{ cluster: string }>();
  const [search, setSearch] = useSearchParams<Params>();
  const [rows, setRows] = createSignal<SearchRow[]>([]);
  const [selected, setSelected] = createSignal<number>();
  const [hits, setHits] = createSignal<HistogramData>();
  const [facets, setFacets] = createSignal<Facets>();
  const [error, setError] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal('');
  const [formKey, setFormKey] = createSignal(0);
  let controller: AbortController | undefined;

  const range = (): TimeRange => rangeFromQuery(search);
  const limit = () => Math.min(5000, Math.max(1, Number(search.limit) || 500));

  const go = (query: string, r: TimeRange, n: number) => {
    const q = query.trim() || '*';
    const same = q === search.q && JSON.stringify(r) === JSON.stringify(range()) && n === limit();
    setSearch({ q, ...rangeToQuery(r), limit: String(n) });
    // The same URL again ("last hour" is later now): the effect will not fire, so search here.
    if (same) void run();
  };

  async function run() {
    const query = search.q;
    if (query === undefined) return;
    controller?.abort();
    const ctl = new AbortController();
    controller = ctl;
    const window = { query, ...resolveRange(range()) };
    batch(() => {
      setRows([]);
      setSelected(undefined);
      setError(undefined);
      setBusy(true);
      setStatus('Searching…');
    });
    // The histogram and facets are extras: without them the results still show.
    getHits(params.cluster, window, ctl.signal).then(setHits, () => setHits(undefined));
    getFacets(params.cluster, window, ctl.signal).then(setFacets, () => setFacets(undefined));
    try {
      let collected: SearchRow[] = [];
      const done = await streamSearch(
        params.cluster,
        { ...window, limit: limit() },
        (more, progress) => {
          collected = collected.concat(more);
          setRows(collected);
          setStatus(`${fmtInt(progress.rows)} so far · first in ${progress.firstRowMs ?? 0} ms`);
        },
        ctl.signal,
      );
      setStatus(
        done.rows === 0
          ? 'No messages match.'
          : `${fmtInt(done.rows)} ${done.rows === 1 ? 'message' : 'messages'}${done.rows >= limit() ? ` (newest ${fmtInt(limit())})` : ''} · first in ${done.firstRowMs ?? 0} ms`,
      );
    } catch (e) {
      if (ctl.signal.aborted) return;
      setError(toProblem(e));
      setStatus('');
    } finally {
      if (controller === ctl) setBusy(false);
    }
  }

  createEffect(on(() => [params.cluster, search.q, search.range, search.from, search.to, search.limit], () => void run()));
  onCleanup(() => controller?.abort());

  const pickFacet = (field: string, value: string) => {
    setFormKey(formKey() + 1);
    go(`${search.q && search.q !== '*' ? `${search.q} ` : ''}${field}:=${JSON.stringify(value)}`, range(), limit());
  };
  const zoom = (start: string, end: string) => {
    setFormKey(formKey() + 1);
    go(search.q ?? '*', { kind: 'absolute', from: start, to: end }, limit());
  };

  return (
    <section class="page page-fill search-page">
      <header class="page-head">
        <h1>Search</h1>
        <span class="page-sub">LogsQL over the indexed messages of this cluster</span>
      </header>
      <Show keyed when={`${formKey()}`}>
        <SearchForm
          query={search.q ?? ''}
          range={range()}
          limit={limit()}
          busy={busy()}
          onSearch={go}
          onCancel={() => {
            controller?.abort();
            setBusy(false);
            setStatus('Stopped.');
          }}
        />
      </Show>
      <Show when={error()}>{(e) => <ErrorBox error={e()} onRetry={() => void run()} />}</Show>
      <Show when={hits()}>{(h) => <Histogram data={h()} onZoom={zoom} />}</Show>
      <div class="search-status muted small" role="status" aria-live="polite">
        {status()}
        <Show when={hits()}>{(h) => ` · ${fmtInt(h().total)} hits in the range`}</Show>
      </div>
      <div class="search-main">
        <Show when={facets()}>{(f) => <FacetList facets={f()} onPick={pickFacet} />}</Show>
        <ResultList
          rows={rows()}
          selected={selected()}
          onSelect={setSelected}
          empty={search.q === undefined ? 'Type a query, or pick an example.' : busy() ? 'Searching…' : 'No messages match.'}
        />
        <Show when={selected() !== undefined && rows()[selected() as number]}>
          {(row) => <MessageDetail cluster={params.cluster} row={row()} onClose={() => setSelected(undefined)} />}
        </Show>
      </div>
    </section>
  );
}
