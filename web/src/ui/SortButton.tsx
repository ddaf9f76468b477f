import type { Column } from './Table';
import './Table.css';

export type SortOrder = 'asc' | 'desc';

export interface SortState<K extends string> {
  key: K;
  order: SortOrder;
}

/**
 * A header that sorts its column: the first click sorts by it (`firstOrder`: descending for
 * figures, where the largest matter most), the next reverses it. The arrow shows the order.
 */
export function sortableColumn<K extends string>(
  column: Column & { label: string },
  key: K,
  state: SortState<K>,
  onSort: (next: SortState<K>) => void,
  firstOrder: SortOrder = column.num ? 'desc' : 'asc',
): Column {
  const active = state.key === key;
  const next = (): SortState<K> => ({ key, order: active ? (state.order === 'asc' ? 'desc' : 'asc') : firstOrder });
  return {
    ...column,
    sort: active ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none',
    label: (
      <button type="button" class="sort-btn" classList={{ active }} onClick={() => onSort(next())} data-sort={key}>
        {column.label}
        <span class="sort-arrow" aria-hidden="true">
          {active ? (state.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    ),
  };
}
