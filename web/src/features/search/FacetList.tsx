import { For, Show } from 'solid-js';
import type { Facets } from '../../api/search';
import { fmtInt } from '../../ui/format';
import './search.css';

interface Props {
  facets: Facets;
  /** Narrows the search to field = value. */
  onPick: (field: string, value: string) => void;
}

/** Top values per field of the current hits; a click adds the filter to the query. */
export function FacetList(props: Props) {
  return (
    <Show when={props.facets.fields.length > 0}>
      <div class="search-facets" aria-label="Field values">
        <For each={props.facets.fields.slice(0, 8)}>
          {(field) => (
            <details open={field.name === 'topic'}>
              <summary class="mono">{field.name}</summary>
              <ul>
                <For each={field.values.slice(0, 8)}>
                  {(v) => (
                    <li>
                      <button type="button" class="link-button search-facet mono" title={v.value} onClick={() => props.onPick(field.name, v.value)}>
                        {v.value || '(empty)'}
                      </button>
                      <span class="muted small">{fmtInt(v.hits)}</span>
                    </li>
                  )}
                </For>
              </ul>
            </details>
          )}
        </For>
      </div>
    </Show>
  );
}
