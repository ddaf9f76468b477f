import { createSignal, Show } from 'solid-js';
import { putTopicIndexing, removeTopicIndexing, type IndexingOverview, type TopicIndexing, type TopicPlanInput } from '../../api/indexing';
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
  onClose: () => void;
  onSaved: () => void;
}

/** Enable a topic for indexing, with its sample rate, keep rules, value cap and JSON fields. */
export function TopicIndexingDialog(props: Props) {
  const initial = props.current;
  const d = props.plan.defaults;
  const [topic, setTopic] = createSignal(initial?.topic ?? '');
  const [enabled, setEnabled] = createSignal(initial?.enabled ?? true);
  const [percent, setPercent] = createSignal(String(Math.round((initial?.sampleRate ?? d.sampleRate) * 10_000) / 100));
  const [keep, setKeep] = createSignal((initial?.keep ?? []).join('\n'));
  const [maxValue, setMaxValue] = createSignal(String(initial?.maxValueBytes ?? d.maxValueBytes));
  const [fields, setFields] = createSignal(String(initial?.extractFields ?? d.extractFields));
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
    if (await save.run(topic().trim(), input)) props.onSaved();
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
    </Dialog>
  );
}
