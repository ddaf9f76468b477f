import { batch, createSignal, onCleanup } from 'solid-js';
import { toProblem } from '../../api/http';
import { getFacets, getHits, streamSearch, type Facets, type Histogram, type SearchRow } from '../../api/search';
import { fmtInt } from '../../ui/format';
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
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal('');
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
      setBusy(true);
      setStatus('Searching…');
    });
    // The histogram and facets are extras: without them the results still show.
    getHits(req.cluster, window, ctl.signal).then(setHits, () => setHits(undefined));
    getFacets(req.cluster, window, ctl.signal).then(setFacets, () => setFacets(undefined));
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

  return { rows, selected, setSelected, hits, facets, error, busy, status, run, stop };
}
