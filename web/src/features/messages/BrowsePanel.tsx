import { batch, createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { isAbort } from '../../api/http';
import { browseMessages, type BrowseQuery, type MessageItem } from '../../api/messages';
import { ErrorBox } from '../../ui/ErrorBox';
import { ExportControl } from '../export/ExportControl';
import { browseSource } from '../export/sources';
import { InputField, SelectField } from '../../ui/Field';
import { fmtInt, fmtOffset } from '../../ui/format';
import { invalid } from '../../ui/problem';
import { localToRfc3339 } from './decode';
import { MessageList } from './MessageList';
import { MessageDetail } from './MessageDetail';
import './messages.css';

type StartAt = 'latest' | 'offset' | 'time';

const START_AT: { value: StartAt; label: string }[] = [
  { value: 'latest', label: 'Latest N' },
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
}

interface Form {
  startAt: StartAt;
  partition: string; // '' = all
  offset: string;
  time: string; // datetime-local value
  limit: string;
}

function toQuery(f: Form): BrowseQuery {
  const limit = Number(f.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalid('Limit must be a whole number from 1 to 500.');
  const q: BrowseQuery = { limit, partition: f.partition === '' ? undefined : Number(f.partition) };
  if (f.startAt === 'offset') {
    if (!/^\d+$/.test(f.offset.trim())) throw invalid('From offset must be a whole number of 0 or more.');
    q.offset = f.offset.trim();
  } else if (f.startAt === 'time') {
    const ts = localToRfc3339(f.time);
    if (!ts) throw invalid('From time must be a date and time.');
    q.timestamp = ts;
  }
  return q;
}

const orderNote = (f: Form) =>
  f.startAt === 'latest' ? 'newest first' : f.startAt === 'offset' ? `from offset ${fmtOffset(f.offset.trim())}, oldest first` : 'from the chosen time, oldest first';

/** Browse: one request per Load, results in a virtualized list, a record's detail beside it. */
export function BrowsePanel(props: Props) {
  const [form, setForm] = createSignal<Form>({ startAt: 'latest', partition: '', offset: '', time: '', limit: '50' });
  const patch = (p: Partial<Form>) => setForm((f) => ({ ...f, ...p }));
  const [items, setItems] = createSignal<MessageItem[]>();
  const [loaded, setLoaded] = createSignal<Form>();
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [selected, setSelected] = createSignal<MessageItem>();
  const [highlight, setHighlight] = createSignal<DeepLink>();
  const [focusIndex, setFocusIndex] = createSignal<number>();
  const [generation, setGeneration] = createSignal(0);
  let inFlight: AbortController | undefined;
  onCleanup(() => inFlight?.abort());

  async function load(): Promise<void> {
    if (!props.topic) return;
    const f = form();
    let query: BrowseQuery;
    try {
      query = toQuery(f);
    } catch (e) {
      setError(e);
      return;
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
      const idx = h ? res.items.findIndex((m) => isLinked(m, h)) : -1;
      batch(() => {
        setItems(res.items);
        setLoaded(f);
        setGeneration((g) => g + 1);
        setSelected(idx >= 0 ? res.items[idx] : undefined);
        setFocusIndex(idx >= 0 ? idx : undefined);
      });
    } catch (e) {
      if (isAbort(e) || ctrl.signal.aborted) return;
      batch(() => {
        setItems(undefined);
        setSelected(undefined);
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
          label="From time"
          type="datetime-local"
          step="1"
          classList={{ unused: form().startAt !== 'time' }}
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
        <button type="submit" class="btn btn-primary msg-load" disabled={!props.topic || loading()}>
          Load
        </button>
        <ExportControl
          what="browse results"
          disabled={!items() || loading()}
          source={() => browseSource(props.cluster, props.topic, toQuery(loaded() ?? form()))}
          note="The loaded range, read again from Kafka: every partition in offset order."
        />
        <span class="muted small msg-form-status" aria-live="polite" data-testid="browse-status">
          <Show when={loading()} fallback={<Show when={items() && loaded()}>{(f) => `${fmtInt(items()?.length)} records · ${orderNote(f())}`}</Show>}>
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
    </div>
  );
}

function isLinked(m: MessageItem, h: DeepLink): boolean {
  return m.offset === h.offset && (h.partition === undefined || m.partition === h.partition);
}
