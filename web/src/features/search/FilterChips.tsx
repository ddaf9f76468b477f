import { For, Show } from 'solid-js';
import type { QueryFilter } from './queryFilters';
import './search.css';

interface Props {
  filters: QueryFilter[];
  /** Searches again without that filter. */
  onRemove: (filter: QueryFilter) => void;
}

/** The query's exact-match filters (a facet click adds one), each removable with one click. */
export function FilterChips(props: Props) {
  return (
    <Show when={props.filters.length > 0}>
      <ul class="search-chips" aria-label="Filters">
        <For each={props.filters}>
          {(f) => (
            <li class="search-chip">
              <span class="mono">
                {f.field} = {f.value || '(empty)'}
              </span>
              <button type="button" class="search-chip-remove" aria-label={`Remove filter ${f.field} = ${f.value}`} onClick={() => props.onRemove(f)}>
                ×
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
