import { Show } from 'solid-js';
import { fmtInt } from './format';
import type { createPagedList } from './pagedList';

/** Under a server-paged table: how many rows of how many, and "Load more" while there are more. */
export function PagedListFoot(props: { list: Pick<ReturnType<typeof createPagedList>, 'items' | 'total' | 'hasMore' | 'loading' | 'loadMore'>; shownTestId?: string }) {
  return (
    <footer class="table-foot">
      <span class="muted small" data-testid={props.shownTestId}>
        Showing {fmtInt(props.list.items().length)} of {fmtInt(props.list.total() ?? props.list.items().length)}
      </span>
      <Show when={props.list.hasMore()}>
        <button type="button" class="btn" disabled={props.list.loading()} onClick={() => props.list.loadMore()}>
          Load more
        </button>
      </Show>
    </footer>
  );
}
