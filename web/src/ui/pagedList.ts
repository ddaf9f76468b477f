import { batch, createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { isAbort } from '../api/http';

const PAGE_SIZE = 200;

/** What a server-paged list route answers (topics, groups). */
export interface ListPage {
  items: unknown[];
  total: number;
  nextCursor: string | null;
}

/**
 * A list the server pages: restarts from the first page whenever the filter changes (as `same`
 * compares it), appends on loadMore. Only the newest request may write state, so a slow answer
 * to an old search never overwrites a newer one.
 */
export function createPagedList<F, P extends ListPage>(
  filter: Accessor<F>,
  same: (a: F, b: F) => boolean,
  fetchPage: (filter: F, page: { limit: number; cursor: string | null }, signal: AbortSignal) => Promise<P>,
) {
  const [items, setItems] = createSignal<P['items']>([]);
  const [total, setTotal] = createSignal<number>();
  // The newest page answered, for what a route sends beside its items (the topic list's sizes).
  const [lastPage, setLastPage] = createSignal<P>();
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  // Bumped whenever the list is replaced (not appended) so the view can jump back to the top.
  const [generation, setGeneration] = createSignal(0);
  let inFlight: AbortController | undefined;

  const key = createMemo(filter, undefined, { equals: same });

  async function load(reset: boolean): Promise<void> {
    inFlight?.abort();
    const ctrl = new AbortController();
    inFlight = ctrl;
    const f = key();
    setLoading(true);
    setError(undefined);
    try {
      const page = await fetchPage(f, { limit: PAGE_SIZE, cursor: reset ? null : cursor() }, ctrl.signal);
      if (ctrl.signal.aborted) return;
      batch(() => {
        setItems(reset ? page.items : [...items(), ...page.items]);
        setTotal(page.total);
        setLastPage(() => page);
        setCursor(page.nextCursor);
        if (reset) setGeneration((g) => g + 1);
      });
    } catch (e) {
      if (isAbort(e) || ctrl.signal.aborted) return;
      batch(() => {
        // A failed fresh search must not leave the previous search's rows looking current.
        if (reset) {
          setItems([]);
          setTotal(undefined);
          setCursor(null);
        }
        setError(e);
      });
    } finally {
      if (inFlight === ctrl) setLoading(false);
    }
  }

  createEffect(on(key, () => void load(true)));
  onCleanup(() => inFlight?.abort());

  return {
    items,
    total,
    lastPage,
    loading,
    error,
    generation,
    hasMore: () => cursor() !== null,
    loadMore: () => void load(false),
    reload: () => void load(true),
  };
}
