import { batch, createSignal, onCleanup } from 'solid-js';
import { toProblem, type ApiProblem } from '../../api/http';
import { getFacets, getHits, streamSearch, type Facets, type Histogram, type SearchRow } from '../../api/search';
import { fmtInt } from '../../ui/format';
import { clientProblem } from '../../ui/problem';
import { resolveRange, type TimeRange } from './timeRange';

export interface SearchRequest {
  cluster: string;
  query: string;
  range: TimeRange;
  limit: number;
}

/**
 * One search at a time: the streamed rows, the histogram and facets of the
 * same window, and a status line. A new search or stop() aborts the running one.
 */
export function useSearch() {
  const [rows, setRows] = createSignal<SearchRow[]>([]);
  const [selected, setSelected] = createSignal<number>();
  const [hits, setHits] = createSignal<Histogram>();
  const [facets, setFacets] = createSignal<Facets>();
  const [error, setError] = createSignal<unknown>();
  const [hitsError, setHitsError] = createSignal<ApiProblem>();
  const [facetsError, setFacetsError] = createSignal<ApiProblem>();
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal('');
  // The window the rows came from, resolved once: an export of "the last hour" carries these same rows.
  const [searched, setSearched] = createSignal<{ query: string; start: string; end: string; limit: number }>();
  let controller: AbortController | undefined;
  onCleanup(() => controller?.abort());

  async function run(req: SearchRequest): Promise<void> {
    controller?.abort();
    const ctl = new AbortController();
    controller = ctl;
    const window = { query: req.query, ...resolveRange(req.range) };
    batch(() => {
      setRows([]);
      setSelected(undefined);
      setError(undefined);
      setHitsError(undefined);
      setFacetsError(undefined);
      setBusy(true);
      setStatus('Searching…');
      setSearched({ ...window, limit: req.limit });
    });
    // The histogram and facets are extras: without them the results still show, with the reason why not.
    const failed = (clear: () => void, setProblem: (p: ApiProblem) => void) => (e: unknown) => {
      if (ctl.signal.aborted) return;
      batch(() => {
        clear();
        setProblem(toProblem(e));
      });
    };
    getHits(req.cluster, window, ctl.signal).then(setHits, failed(() => setHits(undefined), setHitsError));
    getFacets(req.cluster, window, ctl.signal).then(setFacets, failed(() => setFacets(undefined), setFacetsError));
    try {
      let collected: SearchRow[] = [];
      const done = await streamSearch(
        req.cluster,
        { ...window, limit: req.limit },
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
          : `${fmtInt(done.rows)} ${done.rows === 1 ? 'message' : 'messages'}${done.rows >= req.limit ? ` (newest ${fmtInt(req.limit)})` : ''} · first in ${done.firstRowMs ?? 0} ms`,
      );
    } catch (e) {
      if (ctl.signal.aborted) return;
      setError(toProblem(e));
      setStatus('');
    } finally {
      if (controller === ctl) setBusy(false);
    }
  }

  function stop(): void {
    controller?.abort();
    setBusy(false);
    setStatus('Stopped.');
  }

  /**
   * Why the histogram or the field values are missing, as one problem; none while the search
   * itself has failed, since that says it already (an invalid query fails all three).
   */
  const extrasError = (): ApiProblem | undefined => {
    const failures = [hitsError(), facetsError()];
    const [first] = failures.filter((p) => p !== undefined);
    if (!first || error()) return undefined;
    const title = !failures[1] ? 'Histogram unavailable' : !failures[0] ? 'Field values unavailable' : 'Histogram and field values unavailable';
    const details = [...new Set(failures.flatMap((p) => (p ? [p.detail] : [])))];
    return clientProblem(title, details.join(' '), first.code, first.status);
  };

  return { rows, selected, setSelected, hits, facets, error, extrasError, busy, status, searched, run, stop };
}
