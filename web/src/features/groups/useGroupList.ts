import { batch, createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { isAbort } from '../../api/http';
import { listGroupPage, type GroupSummary } from '../../api/groups';

const PAGE_SIZE = 200;

export interface GroupFilter {
  cluster: string;
  q: string;
}

/**
 * Paged group list, as the topic list: restarts from the first page when the filter changes,
 * appends on loadMore; only the newest request may write state.
 */
export function useGroupList(filter: Accessor<GroupFilter>) {
  const [items, setItems] = createSignal<GroupSummary[]>([]);
  const [total, setTotal] = createSignal<number>();
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [generation, setGeneration] = createSignal(0);
  let inFlight: AbortController | undefined;

  const key = createMemo(filter, undefined, { equals: (a, b) => a.cluster === b.cluster && a.q === b.q });

  async function load(reset: boolean): Promise<void> {
    inFlight?.abort();
    const ctrl = new AbortController();
    inFlight = ctrl;
    const f = key();
    setLoading(true);
    setError(undefined);
    try {
      const page = await listGroupPage(f.cluster, { q: f.q, limit: PAGE_SIZE, cursor: reset ? null : cursor() }, ctrl.signal);
      if (ctrl.signal.aborted) return;
      batch(() => {
        setItems(reset ? page.items : [...items(), ...page.items]);
        setTotal(page.total);
        setCursor(page.nextCursor);
        if (reset) setGeneration((g) => g + 1);
      });
    } catch (e) {
      if (isAbort(e) || ctrl.signal.aborted) return;
      batch(() => {
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
    loading,
    error,
    generation,
    hasMore: () => cursor() !== null,
    loadMore: () => void load(false),
    reload: () => void load(true),
  };
}
