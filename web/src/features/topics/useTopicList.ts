import { batch, createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { isAbort } from '../../api/http';
import { listTopics, type TopicPage, type TopicSort, type TopicSummary } from '../../api/topics';

const PAGE_SIZE = 200;

export interface TopicFilter {
  cluster: string;
  q: string;
  internal: boolean;
  sort: TopicSort;
  order: 'asc' | 'desc';
}

/**
 * Paged topic list: restarts from the first page whenever the filter changes,
 * appends on loadMore. Only the newest request may write state, so a slow
 * answer to an old search never overwrites a newer one.
 */
export function useTopicList(filter: Accessor<TopicFilter>) {
  const [items, setItems] = createSignal<TopicSummary[]>([]);
  const [total, setTotal] = createSignal<number>();
  const [sizes, setSizes] = createSignal<TopicPage['sizes']>();
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  // Bumped whenever the list is replaced (not appended) so the view can jump back to the top.
  const [generation, setGeneration] = createSignal(0);
  let inFlight: AbortController | undefined;

  const key = createMemo(filter, undefined, {
    equals: (a, b) => a.cluster === b.cluster && a.q === b.q && a.internal === b.internal && a.sort === b.sort && a.order === b.order,
  });

  async function load(reset: boolean): Promise<void> {
    inFlight?.abort();
    const ctrl = new AbortController();
    inFlight = ctrl;
    const f = key();
    setLoading(true);
    setError(undefined);
    try {
      const page = await listTopics(
        f.cluster,
        { q: f.q, internal: f.internal, sort: f.sort, order: f.order, limit: PAGE_SIZE, cursor: reset ? null : cursor() },
        ctrl.signal,
      );
      if (ctrl.signal.aborted) return;
      batch(() => {
        setItems(reset ? page.items : [...items(), ...page.items]);
        setTotal(page.total);
        setSizes(page.sizes);
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
    /** Where the size column comes from, or why it is empty. */
    sizes,
    loading,
    error,
    generation,
    hasMore: () => cursor() !== null,
    loadMore: () => void load(false),
    reload: () => void load(true),
  };
}
