import { A } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Index, Show } from 'solid-js';
import { listSubjects, produceMessages, subjectVersions, type ProduceCompression, type ProduceResult } from '../../api/produce';
import { sectionHref } from '../../app/sections';
import { Dialog } from '../../ui/Dialog';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { Segmented } from '../../ui/Segmented';
import { useAction } from '../../ui/useAction';
import { emptyPayload, toRequest, type PayloadForm, type PayloadFormat } from './produceForm';
import './produce.css';

interface Props {
  cluster: string;
  topic: string;
  /** The topic's partition count, when known (the partition picker lists them). */
  partitions: number | undefined;
  onClose: () => void;
}

const KEY_FORMATS: { value: PayloadFormat; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'text', label: 'Text' },
  { value: 'json', label: 'JSON' },
  { value: 'base64', label: 'Base64' },
  { value: 'schema', label: 'Schema' },
];
const VALUE_FORMATS: { value: PayloadFormat; label: string }[] = [
  ...KEY_FORMATS.slice(1),
  { value: 'none', label: 'Null' },
];
const COMPRESSIONS: ProduceCompression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

/** Where browse shows a written record: the Messages page at its partition and offset. */
export function browseAt(cluster: string, topic: string, partition: number, offset: string): string {
  const q = new URLSearchParams({ topic, partition: String(partition), offset });
  return `${sectionHref(cluster, 'messages')}?${q}`;
}

/**
 * Writes one record to the topic (operators): key and value as text, JSON, base64 or encoded with
 * a registry schema (subject and version), headers, a partition or "by key", and a compression.
 * The answer names the record's partition and offset, with a link to it in browse.
 */
export function ProduceDialog(props: Props) {
  const [key, setKey] = createSignal<PayloadForm>(emptyPayload('none'));
  const [value, setValue] = createSignal<PayloadForm>(emptyPayload('json'));
  const [headers, setHeaders] = createSignal<{ name: string; value: string }[]>([]);
  const [partition, setPartition] = createSignal('');
  const [compression, setCompression] = createSignal<ProduceCompression>('none');
  const [result, setResult] = createSignal<ProduceResult>();
  const action = useAction((body: Parameters<typeof produceMessages>[2]) => produceMessages(props.cluster, props.topic, body));

  // Subjects are fetched once either side wants a schema; a failure is shown, not hidden.
  const wantsSchemas = () => key().format === 'schema' || value().format === 'schema';
  const [subjects] = createResource(() => (wantsSchemas() ? props.cluster : false), (cluster) => listSubjects(cluster));

  const submit = async () => {
    setResult(undefined);
    let body;
    try {
      body = toRequest({ key: key(), value: value(), headers: headers(), partition: partition(), compression: compression() });
    } catch (err) {
      action.setError(err);
      return;
    }
    const res = await action.run(body);
    if (res) setResult(res.value);
  };

  return (
    <Dialog
      title={`Produce to ${props.topic}`}
      submitLabel={result() ? 'Produce another' : 'Produce'}
      onClose={props.onClose}
      onSubmit={submit}
      busy={action.busy()}
      error={action.error()}
      wide
    >
      <PayloadEditor label="Key" formats={KEY_FORMATS} form={key()} onChange={setKey} subjects={subjects()} cluster={props.cluster} preferred={`${props.topic}-key`} />
      <PayloadEditor label="Value" formats={VALUE_FORMATS} form={value()} onChange={setValue} subjects={subjects()} cluster={props.cluster} preferred={`${props.topic}-value`} />
      <Show when={subjects.error}>{(e) => <ErrorBox error={e()} />}</Show>

      <fieldset class="fieldset">
        <legend>Headers</legend>
        <div class="produce-headers">
          <Index each={headers()}>
            {(row, i) => (
              <div class="produce-header-row">
                <input type="text" class="mono" aria-label={`Header name ${i + 1}`} placeholder="name" spellcheck={false} value={row().name}
                  onInput={(e) => setHeaders(headers().map((h, j) => (j === i ? { ...h, name: e.currentTarget.value } : h)))} />
                <input type="text" class="mono" aria-label={`Header value ${i + 1}`} placeholder="value" spellcheck={false} value={row().value}
                  onInput={(e) => setHeaders(headers().map((h, j) => (j === i ? { ...h, value: e.currentTarget.value } : h)))} />
                <button type="button" class="btn btn-small" aria-label={`Remove header ${i + 1}`} onClick={() => setHeaders(headers().filter((_, j) => j !== i))}>
                  ✕
                </button>
              </div>
            )}
          </Index>
          <div>
            <button type="button" class="btn btn-small" onClick={() => setHeaders([...headers(), { name: '', value: '' }])}>
              + Add header
            </button>
          </div>
        </div>
      </fieldset>

      <div class="field-row">
        <Field label="Partition" hint="By key: the partition Kafka's Java producer picks for the key.">
          {(f) => (
            <select id={f.id} aria-describedby={f.hintId} value={partition()} onChange={(e) => setPartition(e.currentTarget.value)}>
              <option value="">By key</option>
              <For each={Array.from({ length: props.partitions ?? 0 }, (_, i) => i)}>{(p) => <option value={String(p)}>{p}</option>}</For>
            </select>
          )}
        </Field>
        <Field label="Compression">
          {(f) => (
            <select id={f.id} value={compression()} onChange={(e) => setCompression(e.currentTarget.value as ProduceCompression)}>
              <For each={COMPRESSIONS}>{(c) => <option value={c}>{c}</option>}</For>
            </select>
          )}
        </Field>
      </div>

      <Show when={result()}>
        {(r) => (
          <div class="produce-result" role="status">
            <For each={r().records}>
              {(rec) => (
                <p>
                  Written to partition <strong class="mono">{rec.partition}</strong> at offset <strong class="mono">{rec.offset}</strong>
                  <Show when={rec.valueSchema}>{(s) => <span class="muted"> · {s().subject} v{s().version} (id {s().id})</span>}</Show>{' '}
                  <A href={browseAt(props.cluster, props.topic, rec.partition, rec.offset)} onClick={() => props.onClose()}>
                    Open in browse view
                  </A>
                </p>
              )}
            </For>
          </div>
        )}
      </Show>
    </Dialog>
  );
}

interface EditorProps {
  label: 'Key' | 'Value';
  formats: { value: PayloadFormat; label: string }[];
  form: PayloadForm;
  onChange: (form: PayloadForm) => void;
  subjects: string[] | undefined;
  cluster: string;
  /** The subject TopicNameStrategy names for this side, chosen first when it exists. */
  preferred: string;
}

function PayloadEditor(props: EditorProps) {
  const update = (patch: Partial<PayloadForm>) => props.onChange({ ...props.form, ...patch });
  const [versions] = createResource(
    () => (props.form.format === 'schema' && props.form.subject ? { cluster: props.cluster, subject: props.form.subject } : false),
    (s) => subjectVersions(s.cluster, s.subject),
  );
  // The topic's own subject (TopicNameStrategy) is the likely choice once the subjects are known.
  createEffect(() => {
    if (props.form.format === 'schema' && !props.form.subject && props.subjects?.includes(props.preferred)) update({ subject: props.preferred });
  });
  const lower = props.label.toLowerCase();

  return (
    <fieldset class="fieldset produce-payload" data-part={lower}>
      <legend>{props.label}</legend>
      <Segmented label={`${props.label} format`} options={props.formats} value={props.form.format} onChange={(format) => update({ format })} />
      <Show when={props.form.format === 'schema'}>
        <div class="produce-schema">
          <Field label={`${props.label} subject`}>
            {(f) => (
              <select id={f.id} value={props.form.subject} onChange={(e) => update({ subject: e.currentTarget.value, version: '' })}>
                <option value="">{props.subjects ? 'Choose a subject' : 'Loading subjects…'}</option>
                <For each={props.subjects ?? []}>{(s) => <option value={s}>{s}</option>}</For>
              </select>
            )}
          </Field>
          <Field label={`${props.label} version`}>
            {(f) => (
              <select id={f.id} value={props.form.version} onChange={(e) => update({ version: e.currentTarget.value })}>
                <option value="">latest</option>
                <For each={versions() ? [...versions()!.versions].reverse() : []}>{(v) => <option value={String(v)}>{v}</option>}</For>
              </select>
            )}
          </Field>
          <Show when={versions()?.type === 'PROTOBUF'}>
            <Field label={`${props.label} message type`}>
              {(f) => (
                <input id={f.id} type="text" class="mono" placeholder="first in the schema" spellcheck={false} value={props.form.messageType}
                  onInput={(e) => update({ messageType: e.currentTarget.value })} />
              )}
            </Field>
          </Show>
        </div>
        <Show when={versions.error}>{(e) => <ErrorBox error={e()} />}</Show>
      </Show>
      <Show when={props.form.format !== 'none'}>
        <textarea
          class="mono"
          aria-label={`${props.label} ${props.form.format === 'schema' ? 'JSON' : props.form.format}`}
          spellcheck={false}
          placeholder={props.form.format === 'text' ? `the ${lower} as text` : props.form.format === 'base64' ? 'AQID…' : '{ "id": 1 }'}
          value={props.form.text}
          onInput={(e) => update({ text: e.currentTarget.value })}
        />
      </Show>
    </fieldset>
  );
}
