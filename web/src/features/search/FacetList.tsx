import { createSignal, For, Show } from 'solid-js';
import type { FacetField, Facets } from '../../api/search';
import { fmtInt } from '../../ui/format';
import './search.css';

interface Props {
  facets: Facets;
  /** Narrows the search to field = value. */
  onPick: (field: string, value: string) => void;
}

/** Fields shown before "Show more": the server ranks them (key and topic, then few values with good coverage). */
export const FACETS_SHOWN = 8;

const coverageText = (f: FacetField) =>
  f.coverage === undefined || f.coverage >= 0.995 ? '' : ` · in ${Math.max(1, Math.round(f.coverage * 100))} %`;

/** Top values per field of the current hits; a click adds the filter to the query. */
export function FacetList(props: Props) {
  const [all, setAll] = createSignal(false);
  const shown = () => (all() ? props.facets.fields : props.facets.fields.slice(0, FACETS_SHOWN));
  const hidden = () => props.facets.fields.length - FACETS_SHOWN;
  return (
    <Show when={props.facets.fields.length > 0}>
      <div class="search-facets" aria-label="Field values">
        <For each={shown()}>
          {(field) => (
            <details open={field.name === 'topic' || field.name === 'key'} data-field={field.name}>
              <summary>
                <span class="mono">{field.name}</span>
                <span class="muted small">
                  {field.more ? ' · many values' : ''}
                  {coverageText(field)}
                </span>
              </summary>
              <ul>
                <For each={field.values.slice(0, 8)}>
                  {(v) => (
                    <li>
                      <button type="button" class="link-button search-facet mono" title={`Only ${field.name} = ${v.value}`} onClick={() => props.onPick(field.name, v.value)}>
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
        <Show when={hidden() > 0}>
          <button type="button" class="link-button small search-facets-more" onClick={() => setAll(!all())}>
            {all() ? 'Show fewer fields' : `Show ${hidden()} more ${hidden() === 1 ? 'field' : 'fields'}`}
          </button>
        </Show>
      </div>
    </Show>
  );
}
