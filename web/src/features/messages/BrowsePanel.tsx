import { batch, createEffect, createSignal, on, onCleanup, Show, untrack } from 'solid-js';
import { isAbort } from '../../api/http';
import { browseMessages, type BrowseFilterField, type BrowseFilterKind, type BrowseQuery, type MessageItem } from '../../api/messages';
import { ErrorBox } from '../../ui/ErrorBox';
import { ExportControl } from '../export/ExportControl';
import { browseSource } from '../export/sources';
import { InputField, SelectField } from '../../ui/Field';
import { fmtInt, fmtOffset } from '../../ui/format';
import { invalid } from '../../ui/problem';
import { parseTime24, zoneLabel } from './time24';
import { MessageList } from './MessageList';
import { MessageDetail } from './MessageDetail';
import type { LinkedFilter } from './deepLink';
import './messages.css';

type StartAt = 'latest' | 'offset' | 'time';

const START_AT: { value: StartAt; label: string }[] = [
  { value: 'latest', label: 'Newest first' },
  { value: 'offset', label: 'From offset' },
  { value: 'time', label: 'From time' },
];

export interface DeepLink {
  partition?: number;
  offset: string;
}

interface Props {
  cluster: string;
  topic: string;
  /** Partition count, when known. */
  partitions: number | undefined;
  /** A record to open at (from the Search page): loaded from its offset and highlighted. */
  deepLink: DeepLink | undefined;
  /** A filter the link came with (from the Search page's coverage note): the first read uses it. */
  linkedFilter?: LinkedFilter | undefined;
}

const FILTER_FIELDS: { value: BrowseFilterField; label: string }[] = [
  { value: 'any', label: 'Key, value or header' },
  { value: 'key', label: 'Key' },
  { value: 'value', label: 'Value' },
  { value: 'header', label: 'Header' },
];

const FILTER_KINDS: { value: BrowseFilterKind; label: string }[] = [
  { value: 'text', label: 'Contains' },
  { value: 'regex', label: 'Regex (RE2)' },
  { value: 'jsonPath', label: 'JSON path' },
];

const FILTER_PLACEHOLDER: Record<BrowseFilterKind, string> = {
  text: 'text, any case',
  regex: '^order-\\d+$',
  jsonPath: '$.order.status == "paid"',
};

interface Form {
  startAt: StartAt;
  partition: string; // '' = all
  offset: string;
  time: string; // "YYYY-MM-DD HH:MM[:SS]", 24 h, local zone
  limit: string;
  filter: string;
  filterField: BrowseFilterField;
  filterKind: BrowseFilterKind;
  header: string;
}

function toQuery(f: Form): BrowseQuery {
  const limit = Number(f.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalid('Limit must be a whole number from 1 to 500.');
  const q: BrowseQuery = { limit, partition: f.partition === '' ? undefined : Number(f.partition) };
  if (f.startAt === 'offset') {
    if (!/^\d+$/.test(f.offset.trim())) throw invalid('From offset must be a whole number of 0 or more.');
    q.offset = f.offset.trim();
  } else if (f.startAt === 'time') {
    const at = parseTime24(f.time);
    if (!at) throw invalid('From time must be a date and a 24-hour time, e.g. 2026-11-29 14:05:00.');
    q.timestamp = at.toISOString();
  }
  if (f.filter !== '') {
    q.filter = f.filter;
    q.filterField = f.filterField;
    q.filterKind = f.filterKind;
    if (f.filterField === 'header' && f.header.trim()) q.header = f.header.trim();
  }
  return q;
}

const orderNote = (f: Form) =>
  f.startAt === 'latest' ? 'newest first' : f.startAt === 'offset' ? `from offset ${fmtOffset(f.offset.trim())}, oldest first` : 'from the chosen time, oldest first';

/** What one read has shown so far: its query (for the next page), where it continues, how much was read. */
interface Read {
  form: Form;
  query: BrowseQuery;
  nextCursor: string | null;
  scanned: number;
  scanLimited: boolean;
}

/** Browse: one request per Load, results in a virtualized list, a record's detail beside it. */
export function BrowsePanel(props: Props) {
  const [form, setForm] = createSignal<Form>({
    startAt: 'latest',
    partition: '',
    offset: '',
    time: '',
    limit: '50',
    filter: '',
    filterField: 'any',
    filterKind: 'text',
    header: '',
  });
  const zone = zoneLabel();
  const patch = (p: Partial<Form>) => setForm((f) => ({ ...f, ...p }));
  const [items, setItems] = createSignal<MessageItem[]>();
  const [loaded, setLoaded] = createSignal<Read>();
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [selected, setSelected] = createSignal<MessageItem>();
  const [highlight, setHighlight] = createSignal<DeepLink>();
  const [focusIndex, setFocusIndex] = createSignal<number>();
  const [generation, setGeneration] = createSignal(0);
  let inFlight: AbortController | undefined;
  onCleanup(() => inFlight?.abort());

  /** Clears what a previous read showed, so a failed read never leaves old records looking current. */
  const clearResults = () => {
    setItems(undefined);
    setSelected(undefined);
    setLoaded(undefined);
  };

  /** A new read (`more` false), or the next page of the current one. */
  async function load(more = false): Promise<void> {
    if (!props.topic) return;
    const previous = loaded();
    let query: BrowseQuery;
    let f: Form;
    if (more && previous?.nextCursor) {
      f = previous.form;
      query = { ...previous.query, cursor: previous.nextCursor };
    } else {
      f = form();
      try {
        query = toQuery(f);
      } catch (e) {
        batch(() => {
          clearResults();
          setError(e);
        });
        return;
      }
    }
    inFlight?.abort();
    const ctrl = new AbortController();
    inFlight = ctrl;
    setLoading(true);
    setError(undefined);
    try {
      const res = await browseMessages(props.cluster, props.topic, query, ctrl.signal);
      if (ctrl.signal.aborted) return;
      const h = highlight();
      const all = more ? [...(items() ?? []), ...res.items] : res.items;
      const idx = h && !more ? res.items.findIndex((m) => isLinked(m, h)) : -1;
      batch(() => {
        setItems(all);
        setLoaded({
          form: f,
          query: { ...query, cursor: undefined },
          nextCursor: res.nextCursor,
          scanned: (more ? (previous?.scanned ?? 0) : 0) + res.scanned,
          scanLimited: res.scanLimited,
        });
        if (!more) {
          setGeneration((g) => g + 1);
          setSelected(idx >= 0 ? res.items[idx] : undefined);
          setFocusIndex(idx >= 0 ? idx : undefined);
        }
      });
    } catch (e) {
      if (isAbort(e) || ctrl.signal.aborted) return;
      batch(() => {
        clearResults();
        setError(e);
      });
    } finally {
      if (inFlight === ctrl) setLoading(false);
    }
  }

  // A new topic or a new deep link: reset the form to fit it, then load.
  createEffect(
    on(
      () => [props.topic, props.deepLink?.partition, props.deepLink?.offset] as const,
      ([topic, partition, offset]) => {
        batch(() => {
          setItems(undefined);
          setSelected(undefined);
          setError(undefined);
          if (offset !== undefined) {
            setHighlight({ partition, offset });
            patch({ startAt: 'offset', offset, partition: partition === undefined ? '' : String(partition) });
          } else {
            setHighlight(undefined);
            patch({ partition: '' });
          }
          const linked = untrack(() => props.linkedFilter);
          if (linked) patch({ ...linked, header: linked.filterField === 'header' ? linked.header : '' });
        });
        if (topic) void load();
      },
    ),
  );

  const partitionOptions = () => {
    const n = props.partitions ?? 0;
    const list = Array.from({ length: n }, (_, i) => i);
    const linked = props.deepLink?.partition;
    if (linked !== undefined && !list.includes(linked)) list.push(linked);
    return [{ value: '', label: 'All partitions' }, ...list.map((p) => ({ value: String(p), label: String(p) }))];
  };

  return (
    <div class="msg-panel">
      <form
        class="msg-form"
        aria-label="Browse messages"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setHighlight(undefined);
          void load();
        }}
      >
        <SelectField label="Start at" options={START_AT} value={form().startAt} onValue={(v) => patch({ startAt: v as StartAt })} />
        <SelectField label="Partition" options={partitionOptions()} value={form().partition} onValue={(v) => patch({ partition: v })} />
        {/* Both start fields stay visible; typing into one chooses it. */}
        <InputField
          label="From offset"
          class="msg-field-offset"
          type="text"
          inputMode="numeric"
          inputClass="mono"
          classList={{ unused: form().startAt !== 'offset' }}
          placeholder="e.g. 1200"
          autocomplete="off"
          value={form().offset}
          onValue={(v) => patch({ offset: v, startAt: 'offset' })}
        />
        <InputField
          label={`From time (24 h, ${zone})`}
          class="msg-field-time"
          type="text"
          inputClass="mono"
          classList={{ unused: form().startAt !== 'time' }}
          placeholder="2026-11-29 14:05:00"
          autocomplete="off"
          spellcheck={false}
          value={form().time}
          onValue={(v) => patch({ time: v, startAt: 'time' })}
        />
        <InputField
          label="Limit"
          class="msg-field-limit"
          type="number"
          min="1"
          max="500"
          value={form().limit}
          onValue={(v) => patch({ limit: v })}
        />
        <div class="msg-filter" role="group" aria-label="Record filter">
          <SelectField label="Filter on" options={FILTER_FIELDS} value={form().filterField} onValue={(v) => patch({ filterField: v as BrowseFilterField })} />
          <Show when={form().filterField === 'header'}>
            <InputField
              label="Header name"
              class="msg-field-header"
              type="text"
              inputClass="mono"
              placeholder="any header"
              autocomplete="off"
              value={form().header}
              onValue={(v) => patch({ header: v })}
            />
          </Show>
          <SelectField label="Match" options={FILTER_KINDS} value={form().filterKind} onValue={(v) => patch({ filterKind: v as BrowseFilterKind })} />
          <InputField
            label="Filter"
            class="msg-field-filter"
            type="search"
            inputClass="mono"
            placeholder={FILTER_PLACEHOLDER[form().filterKind]}
            autocomplete="off"
            spellcheck={false}
            value={form().filter}
            onValue={(v) => patch({ filter: v })}
          />
        </div>
        <button type="submit" class="btn btn-primary msg-load" disabled={!props.topic || loading()}>
          Load
        </button>
        <ExportControl
          what="browse results"
          disabled={!items() || loading()}
          source={() => browseSource(props.cluster, props.topic, loaded()?.query ?? toQuery(form()))}
          note="The loaded range, read again from Kafka: every partition in offset order."
        />
        <span class="muted small msg-form-status" aria-live="polite" data-testid="browse-status">
          <Show when={loading()} fallback={<Show when={items() && loaded()}>{(r) => statusText(items()?.length ?? 0, r())}</Show>}>
            Loading…
          </Show>
        </span>
      </form>

      <Show when={error()}>{(e) => <ErrorBox error={e()} onRetry={() => void load()} />}</Show>

      <div class="msg-split" classList={{ 'with-detail': !!selected() }}>
        <MessageList
          label="Messages"
          count={items()?.length ?? 0}
          at={(i) => items()?.[i]}
          itemKey={(i) => {
            const m = items()?.[i];
            return m ? `${m.partition}:${m.offset}` : i;
          }}
          selected={selected()}
          isHighlighted={(m) => {
            const h = highlight();
            return !!h && isLinked(m, h);
          }}
          onSelect={setSelected}
          resetKey={generation()}
          focusIndex={focusIndex()}
          empty={
            !props.topic
              ? 'Choose a topic to browse its messages.'
              : loading()
                ? 'Loading…'
                : items()
                  ? 'No records in this range.'
                  : 'Press Load to read messages.'
          }
        />
        <Show when={selected()}>{(m) => <MessageDetail message={m()} onClose={() => setSelected(undefined)} />}</Show>
      </div>
      <Show when={loaded()?.nextCursor}>
        <footer class="table-foot">
          <button type="button" class="btn" disabled={loading()} onClick={() => void load(true)}>
            Load more
          </button>
          <span class="muted small">
            {loaded()?.form.startAt === 'latest' ? 'older records' : 'later records'}, {loaded()?.form.limit} at a time
          </span>
        </footer>
      </Show>
    </div>
  );
}

function statusText(count: number, r: Read): string {
  const filtered = r.form.filter !== '';
  const parts = [`${fmtInt(count)} ${filtered ? 'matching ' : ''}records`, orderNote(r.form)];
  if (filtered) parts.push(`${fmtInt(r.scanned)} read`);
  if (r.scanLimited) parts.push('stopped at the scan limit: Load more reads on');
  return parts.join(' · ');
}

function isLinked(m: MessageItem, h: DeepLink): boolean {
  return m.offset === h.offset && (h.partition === undefined || m.partition === h.partition);
}
