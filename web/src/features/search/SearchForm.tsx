import { createEffect, createSignal, For, on, Show, untrack } from 'solid-js';
import { EXAMPLES, PRESETS, toLocalInput, type TimeRange } from './timeRange';
import './search.css';

interface Props {
  query: string;
  range: TimeRange;
  limit: number;
  busy: boolean;
  onSearch: (query: string, range: TimeRange, limit: number) => void;
  onCancel: () => void;
}

/** Query box with examples, time range picker (presets or from/to) and result cap. */
export function SearchForm(props: Props) {
  // The form owns its draft; whenever the URL changes the search (a facet, a chip, a zoom, back),
  // the draft becomes what is being searched, so the box always shows the query of the results.
  const [query, setQuery] = createSignal(untrack(() => props.query));
  const [range, setRange] = createSignal<TimeRange>(untrack(() => props.range));
  const [limit, setLimit] = createSignal(untrack(() => props.limit));
  createEffect(on(() => props.query, (q) => setQuery(q), { defer: true }));
  createEffect(on(() => JSON.stringify(props.range), () => setRange(props.range), { defer: true }));
  createEffect(on(() => props.limit, (n) => setLimit(n), { defer: true }));
  const [showExamples, setShowExamples] = createSignal(false);
  const absolute = () => {
    const r = range();
    return r.kind === 'absolute' ? r : undefined;
  };

  const submit = (e?: SubmitEvent) => {
    e?.preventDefault();
    props.onSearch(query(), range(), limit());
  };

  const onRangeSelect = (value: string) => {
    if (value !== 'custom') return setRange({ kind: 'preset', id: value });
    const now = Date.now();
    setRange({ kind: 'absolute', from: new Date(now - 3_600_000).toISOString(), to: new Date(now).toISOString() });
  };

  const setAbsolute = (which: 'from' | 'to', local: string) => {
    const current = absolute();
    const iso = new Date(local).toISOString();
    if (current && local) setRange({ ...current, [which]: iso });
  };

  return (
    <form class="search-form" role="search" onSubmit={submit}>
      <div class="search-row">
        <label for="search-query" class="visually-hidden">
          LogsQL query
        </label>
        <input
          id="search-query"
          type="search"
          class="search-query mono"
          placeholder='LogsQL, e.g. error or topic:=orders "payment declined"'
          autocomplete="off"
          spellcheck={false}
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <label for="search-range" class="visually-hidden">
          Time range
        </label>
        <select id="search-range" value={range().kind === 'preset' ? (range() as { id: string }).id : 'custom'} onChange={(e) => onRangeSelect(e.currentTarget.value)}>
          <For each={PRESETS}>{(p) => <option value={p.id}>{p.label}</option>}</For>
          <option value="custom">Custom range…</option>
        </select>
        <label for="search-limit" class="visually-hidden">
          Result limit
        </label>
        <select id="search-limit" value={String(limit())} onChange={(e) => setLimit(Number(e.currentTarget.value))}>
          <For each={[100, 500, 1000, 5000]}>{(n) => <option value={String(n)}>{`${n} results`}</option>}</For>
        </select>
        <Show
          when={!props.busy}
          fallback={
            <button type="button" class="btn" onClick={() => props.onCancel()}>
              Stop
            </button>
          }
        >
          <button type="submit" class="btn btn-primary">
            Search
          </button>
        </Show>
        <button type="button" class="btn btn-small search-examples-toggle" aria-expanded={showExamples()} onClick={() => setShowExamples(!showExamples())}>
          Examples
        </button>
      </div>
      <Show when={absolute()}>
        {(r) => (
          <div class="search-row search-custom-range">
            <label>
              From{' '}
              <input type="datetime-local" aria-label="From" value={toLocalInput(r().from)} onChange={(e) => setAbsolute('from', e.currentTarget.value)} />
            </label>
            <label>
              To <input type="datetime-local" aria-label="To" value={toLocalInput(r().to)} onChange={(e) => setAbsolute('to', e.currentTarget.value)} />
            </label>
          </div>
        )}
      </Show>
      <Show when={showExamples()}>
        <ul class="search-examples" aria-label="Query examples">
          <For each={EXAMPLES}>
            {(ex) => (
              <li>
                <button
                  type="button"
                  class="link-button search-example mono"
                  onClick={() => {
                    setQuery(ex.query);
                    submit();
                  }}
                >
                  {ex.query}
                </button>
                <span class="muted small">{ex.what}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </form>
  );
}
