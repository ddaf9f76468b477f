import { createSignal, Show } from 'solid-js';
import {
  putTopicIndexing, removeTopicIndexing, type IndexingOverview, type StartingPosition, type TopicIndexing, type TopicPlanInput, type TopicPlanResult,
} from '../../api/indexing';
import { Field, InputField } from '../../ui/Field';
import { Dialog } from '../../ui/Dialog';
import { invalid } from '../../ui/problem';
import { useAction } from '../../ui/useAction';
import './indexing.css';

interface Props {
  cluster: string;
  plan: IndexingOverview;
  /** The topic's current settings; undefined when adding a topic to the plan. */
  current?: TopicIndexing;
  /** Topic names offered when adding. */
  topicNames: string[];
  /** The topic to add, filled in (from the topic page's Indexing tab). */
  topic?: string;
  onClose: () => void;
  /** With the PUT's answer after a save (its mapping, or why the mapping did not follow); none after a removal. */
  onSaved: (result?: TopicPlanResult) => void;
}

// What AWS accepts for an MSK event source mapping (the server checks the same).
const batchSizeRange = { min: 1, max: 10_000 };
const batchingWindowRange = { min: 0, max: 300 };
const wholeIn = (text: string, range: { min: number; max: number }) => {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= range.min && n <= range.max ? n : undefined;
};

/** Enable a topic for indexing, with its sample rate, keep rules, value cap and JSON fields. */
export function TopicIndexingDialog(props: Props) {
  const initial = props.current;
  const d = props.plan.defaults;
  const [topic, setTopic] = createSignal(initial?.topic ?? props.topic ?? '');
  const [enabled, setEnabled] = createSignal(initial?.enabled ?? true);
  const [percent, setPercent] = createSignal(String(Math.round((initial?.sampleRate ?? d.sampleRate) * 10_000) / 100));
  const [keep, setKeep] = createSignal((initial?.keep ?? []).join('\n'));
  const [maxValue, setMaxValue] = createSignal(String(initial?.maxValueBytes ?? d.maxValueBytes));
  const [fields, setFields] = createSignal(String(initial?.extractFields ?? d.extractFields));
  const [start, setStart] = createSignal<StartingPosition>(initial?.startingPosition ?? d.startingPosition);
  const [batchSize, setBatchSize] = createSignal(String(initial?.batchSize ?? d.batchSize));
  const [batchWindow, setBatchWindow] = createSignal(String(initial?.batchingWindowSeconds ?? d.batchingWindowSeconds));
  // AWS fixes a mapping's starting position when it creates it.
  const startFixed = () => Boolean(initial?.mapping);
  const save = useAction((name: string, input: TopicPlanInput) => putTopicIndexing(props.cluster, name, input));
  const remove = useAction((name: string) => removeTopicIndexing(props.cluster, name));
  const busy = () => save.busy() || remove.busy();

  const submit = async () => {
    const rate = Number(percent()) / 100;
    if (!topic().trim()) return save.setError(invalid('Choose a topic.'));
    if (!(rate > 0 && rate <= 1)) return save.setError(invalid('The sample rate is a percentage above 0 and at most 100.'));
    const input: TopicPlanInput = {
      enabled: enabled(),
      sampleRate: rate,
      keep: keep().split('\n').map((l) => l.trim()).filter(Boolean),
      maxValueBytes: Number(maxValue()),
      extractFields: Number(fields()),
    };
    if (props.plan.orchestrated) {
      const size = wholeIn(batchSize(), batchSizeRange);
      const window = wholeIn(batchWindow(), batchingWindowRange);
      if (size === undefined) return save.setError(invalid(`The batch size is a whole number from ${batchSizeRange.min} to ${batchSizeRange.max.toLocaleString('en')}.`));
      if (window === undefined) return save.setError(invalid(`The batching window is a whole number of seconds from ${batchingWindowRange.min} to ${batchingWindowRange.max}.`));
      Object.assign(input, { batchSize: size, batchingWindowSeconds: window }, startFixed() ? {} : { startingPosition: start() });
    }
    const result = await save.run(topic().trim(), input);
    if (result) props.onSaved(result.value);
  };

  return (
    <Dialog
      title={initial ? `Indexing of ${initial.topic}` : 'Index a topic'}
      submitLabel="Save"
      onClose={props.onClose}
      onSubmit={submit}
      busy={busy()}
      error={save.error() ?? remove.error()}
      wide
      class="indexing-form"
      actions={
        <Show when={initial}>
          {(t) => (
            <button
              type="button"
              class="btn indexing-remove"
              disabled={busy()}
              onClick={async () => {
                if (await remove.run(t().topic)) props.onSaved();
              }}
            >
              Remove from plan
            </button>
          )}
        </Show>
      }
    >
      <Show when={!initial}>
        <Field label="Topic" hint="Records of this topic go to VictoriaLogs from the next batch on (earliest retained record first).">
          {(f) => (
            <>
              <input id={f.id} aria-describedby={f.hintId} type="text" list="indexing-topic-names" autocomplete="off" value={topic()} onInput={(e) => setTopic(e.currentTarget.value)} />
              <datalist id="indexing-topic-names">
                {props.topicNames.map((n) => (
                  <option value={n} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </Show>
      <label class="check">
        <input type="checkbox" checked={enabled()} onChange={(e) => setEnabled(e.currentTarget.checked)} /> Indexing enabled
      </label>
      <InputField
        label="Sample rate (%)"
        hint="Share of record keys indexed. All records of a key are kept or dropped together."
        type="number"
        min="0.01"
        max="100"
        step="any"
        value={percent()}
        onValue={setPercent}
      />
      <Field label="Keep rules" hint="One per line: a substring, or /regex/ with optional i, m, s flags. Matches on key, value or a header are always indexed.">
        {(f) => (
          <textarea id={f.id} aria-describedby={f.hintId} class="mono" rows="4" spellcheck={false} value={keep()} onInput={(e) => setKeep(e.currentTarget.value)} />
        )}
      </Field>
      <div class="indexing-form-row">
        <InputField
          label="Max value bytes"
          hint="Longer values are cut and flagged truncated."
          type="number"
          min="256"
          max="131072"
          step="1"
          value={maxValue()}
          onValue={setMaxValue}
        />
        <InputField
          label="JSON fields"
          hint="Top-level fields of JSON values made searchable (0: none)."
          type="number"
          min="0"
          max="200"
          step="1"
          value={fields()}
          onValue={setFields}
        />
      </div>
      <Show when={props.plan.orchestrated}>
        <fieldset class="fieldset indexing-mapping" disabled={startFixed()}>
          <legend>Start reading</legend>
          <label class="check">
            <input type="radio" name="indexing-start" checked={start() === 'LATEST'} onChange={() => setStart('LATEST')} /> Now (new records only)
          </label>
          <label class="check">
            <input type="radio" name="indexing-start" checked={start() === 'TRIM_HORIZON'} onChange={() => setStart('TRIM_HORIZON')} /> From the start of retention
          </label>
          <small class="muted">
            {startFixed() ? 'Fixed: the topic’s event source mapping already exists.' : 'Where the topic’s new event source mapping begins; fixed once it exists.'}
          </small>
        </fieldset>
        <div class="indexing-form-row">
          <InputField
            label="Batch size"
            hint="Records per indexer invocation, at most (1–10,000)."
            type="number"
            min={String(batchSizeRange.min)}
            max={String(batchSizeRange.max)}
            step="1"
            value={batchSize()}
            onValue={setBatchSize}
          />
          <InputField
            label="Batching window (s)"
            hint="How long a batch may wait to fill up (0–300)."
            type="number"
            min={String(batchingWindowRange.min)}
            max={String(batchingWindowRange.max)}
            step="1"
            value={batchWindow()}
            onValue={setBatchWindow}
          />
        </div>
      </Show>
    </Dialog>
  );
}
