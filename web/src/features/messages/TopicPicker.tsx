import { createEffect, createSignal, createUniqueId, For, on, onCleanup } from 'solid-js';
import { isAbort } from '../../api/http';
import { listTopics, type TopicSummary } from '../../api/topics';
import { Field } from '../../ui/Field';
import './messages.css';

const DEBOUNCE_MS = 200;
const OPTIONS = 50;

interface Props {
  cluster: string;
  value: string;
  onChange: (topic: string) => void;
  /** Suggestions could not be loaded (or loaded again: undefined); the page shows it below its toolbar. */
  onError: (error: unknown, retry: () => void) => void;
}

/**
 * A text box with suggestions (a native datalist): type part of a name, pick
 * or finish it, Enter. Works the same for 10 topics or 10,000, since only
 * the matches of the current text are fetched.
 */
export function TopicPicker(props: Props) {
  const [text, setText] = createSignal(props.value);
  const [options, setOptions] = createSignal<TopicSummary[]>([]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  onCleanup(() => {
    clearTimeout(timer);
    inFlight?.abort();
  });

  // The URL (a deep link, back/forward) can change the topic too.
  createEffect(on(() => props.value, (v) => setText(v), { defer: true }));

  async function suggest(q: string): Promise<void> {
    inFlight?.abort();
    const ctrl = new AbortController();
    inFlight = ctrl;
    try {
      const page = await listTopics(props.cluster, { q, limit: OPTIONS }, ctrl.signal);
      if (!ctrl.signal.aborted) {
        setOptions(page.items);
        props.onError(undefined, retry);
      }
    } catch (e) {
      if (!isAbort(e) && !ctrl.signal.aborted) props.onError(e, retry);
    }
  }

  const retry = () => void suggest(text().trim());

  const onInput = (e: InputEvent & { currentTarget: HTMLInputElement }) => {
    const v = e.currentTarget.value;
    setText(v);
    // Picking a datalist suggestion replaces the text in one go: that is a choice, not typing.
    if (e.inputType === 'insertReplacementText' || e.inputType === undefined) commit(v);
    clearTimeout(timer);
    timer = setTimeout(() => void suggest(v.trim()), DEBOUNCE_MS);
  };

  const commit = (v: string) => {
    const name = v.trim();
    if (name !== props.value) props.onChange(name);
  };

  // First suggestions at once, and fresh ones for another cluster.
  createEffect(on(() => props.cluster, () => void suggest(text().trim())));

  const listId = `${createUniqueId()}-topics`;
  return (
    <>
      <Field label="Topic" class="topic-picker">
        {(f) => (
          <input
            id={f.id}
            type="search"
            class="mono"
            list={listId}
            placeholder="Type to search topics…"
            autocomplete="off"
            spellcheck={false}
            maxLength={249}
            value={text()}
            onInput={onInput}
            onChange={(e) => commit(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit(e.currentTarget.value);
            }}
          />
        )}
      </Field>
      <datalist id={listId}>
        <For each={options()}>{(t) => <option value={t.name}>{`${t.partitions} partitions`}</option>}</For>
      </datalist>
    </>
  );
}
