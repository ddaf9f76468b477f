import { createMemo, createSignal, For, Show } from 'solid-js';
import {
  resetOffsets,
  resetOffsetsCsv,
  type GroupDetail,
  type ResetRequest,
  type ResetResult,
  type ResetStrategy,
} from '../../api/groups';
import { ErrorBox } from '../../ui/ErrorBox';
import { InputField, SelectField } from '../../ui/Field';
import { Panel } from '../../ui/Panel';
import { fmtPartitionList } from '../../ui/format';
import { Dialog } from '../../ui/Dialog';
import { OffsetResetPlan } from './OffsetResetPlan';
import {
  offsetResetRequest,
  planEffectText,
  requestKey,
  STRATEGIES,
  VALUE_INPUT,
  type OffsetResetForm,
  type OffsetResetScope,
} from './offsetReset';
import { invalid } from '../../ui/problem';
import { saveBlob } from '../../ui/download';
import { useAction } from '../../ui/useAction';
import './groups.css';

// Kafka's own kafka-consumer-groups.sh draws the same lines; the hints say them on screen.
const SCOPES: [OffsetResetScope, string, string][] = [
  ['all', 'All topics of the group', 'Only partitions with a committed offset; partitions without one are left as they are.'],
  ['topic', 'One topic', 'Every partition of the topic, committed or not.'],
  ['partitions', 'Chosen partitions of a topic', 'Just the partitions you name, committed or not.'],
];

interface Props {
  cluster: string;
  group: GroupDetail;
  onApplied: (message: string) => void;
}

/** Preview first, apply second: the apply button only acts on the exact request that was previewed. */
export function OffsetReset(props: Props) {
  const [form, setForm] = createSignal<OffsetResetForm>({
    strategy: 'earliest',
    value: '',
    scope: 'all',
    topic: '',
    partitions: '',
  });
  const [preview, setPreview] = createSignal<{ req: ResetRequest; result: ResetResult }>();
  const [confirming, setConfirming] = createSignal(false);
  const patch = (p: Partial<OffsetResetForm>) => setForm((f) => ({ ...f, ...p }));
  // Kafka refuses to commit for a group with members: Apply would only fail.
  const members = () => props.group.members.length;

  const topics = createMemo(() => {
    const names = new Set(props.group.offsets.map((o) => o.topic));
    for (const m of props.group.members) for (const a of m.assignments) names.add(a.topic);
    return [...names].sort();
  });
  const partitionsOf = (topic: string) =>
    [...new Set(props.group.offsets.filter((o) => o.topic === topic).map((o) => o.partition))];

  // Recomputed from the form: an error here is shown only when the user asks for a preview.
  const current = createMemo(() => {
    try {
      return offsetResetRequest(form(), false);
    } catch {
      return undefined;
    }
  });
  const stale = () => {
    const p = preview();
    const c = current();
    return !p || !c || requestKey(p.req) !== requestKey(c);
  };

  const previewAction = useAction((req: ResetRequest) => resetOffsets(props.cluster, props.group.groupId, req));
  const applyAction = useAction((req: ResetRequest) =>
    resetOffsets(props.cluster, props.group.groupId, { ...req, execute: true }),
  );
  const csvAction = useAction(async (req: ResetRequest) =>
    saveBlob(await resetOffsetsCsv(props.cluster, props.group.groupId, req), `${props.group.groupId}-offset-reset.csv`),
  );

  const runPreview = async (e: SubmitEvent) => {
    e.preventDefault();
    let req: ResetRequest;
    try {
      req = offsetResetRequest(form(), false);
    } catch (err) {
      previewAction.setError(invalid(err instanceof Error ? err.message : String(err)));
      return;
    }
    const res = await previewAction.run(req);
    if (res) setPreview({ req, result: res.value });
  };

  const apply = async () => {
    const p = preview();
    if (!p) return;
    const res = await applyAction.run(p.req);
    if (!res) return;
    setConfirming(false);
    setPreview({ req: p.req, result: res.value });
    props.onApplied(`Offsets reset for ${res.value.plan.length} partition${res.value.plan.length === 1 ? '' : 's'}.`);
  };

  const valueInput = () => VALUE_INPUT[form().strategy];

  return (
    <Panel title="Reset offsets" label="Reset offsets" note="Preview is a dry run; nothing changes until you apply.">
      <form class="panel-body offset-reset-form" onSubmit={runPreview} noValidate>
        <SelectField
          label="Strategy"
          options={STRATEGIES}
          value={form().strategy}
          onValue={(v) => patch({ strategy: v as ResetStrategy, value: '' })}
        />
        <Show when={valueInput()}>
          {(vi) => (
            <InputField
              label={vi().label}
              hint={vi().hint}
              type={vi().type}
              inputClass="mono"
              step={vi().type === 'datetime-local' ? '1' : undefined}
              placeholder={vi().placeholder}
              value={form().value}
              onValue={(v) => patch({ value: v })}
            />
          )}
        </Show>
        <fieldset class="fieldset scope">
          <legend>Scope</legend>
          <For each={SCOPES}>
            {([value, label, hint]) => (
              <label class="check" title={hint}>
                <input
                  type="radio"
                  name="reset-scope"
                  checked={form().scope === value}
                  onChange={() => patch({ scope: value, topic: form().topic || topics()[0] || '' })}
                />
                {label}
              </label>
            )}
          </For>
          <p class="muted small scope-hint" data-testid="scope-hint">
            {SCOPES.find(([value]) => value === form().scope)?.[2]}
          </p>
        </fieldset>
        <Show when={form().scope !== 'all'}>
          <SelectField
            label="Topic"
            options={topics().map((t) => ({ value: t, label: t }))}
            value={form().topic}
            onValue={(v) => patch({ topic: v })}
          />
        </Show>
        <Show when={form().scope === 'partitions'}>
          <InputField
            label="Partitions"
            hint={`Of ${form().topic || 'the topic'}: ${fmtPartitionList(partitionsOf(form().topic)) || 'none committed'}`}
            type="text"
            inputClass="mono"
            placeholder="0, 2, 5-7"
            value={form().partitions}
            onValue={(v) => patch({ partitions: v })}
          />
        </Show>
        <div class="field field-end">
          <button type="submit" class="btn btn-primary" disabled={previewAction.busy()}>
            Preview
          </button>
        </div>
      </form>

      <div class="panel-body">
        <Show when={previewAction.error()}>{(err) => <ErrorBox error={err()} />}</Show>
        <Show when={csvAction.error()}>{(err) => <ErrorBox error={err()} />}</Show>
        <Show when={preview()}>
          {(p) => (
            <div class="offset-reset-preview">
              <div class="offset-reset-preview-head">
                <strong>{p().result.executed ? 'Applied' : 'Preview'}</strong>
                <span class="muted">
                  {p().result.plan.length} partition{p().result.plan.length === 1 ? '' : 's'}
                  {stale() && !p().result.executed ? ' · the form changed since this preview — preview again to apply' : ''}
                </span>
                <div class="page-actions">
                  <a
                    href="#"
                    class="link-action"
                    aria-disabled={csvAction.busy()}
                    onClick={(e) => {
                      e.preventDefault();
                      if (!csvAction.busy()) void csvAction.run(p().req);
                    }}
                  >
                    Download CSV
                  </a>
                  <Show when={!p().result.executed && members() > 0}>
                    <span class="muted small" role="note" data-testid="apply-blocked">
                      Kafka refuses a reset while the group has {members()} active member{members() === 1 ? '' : 's'}: stop its
                      consumers first.
                    </span>
                  </Show>
                  <Show when={!p().result.executed}>
                    <button
                      type="button"
                      class="btn btn-danger"
                      disabled={stale() || p().result.plan.length === 0 || members() > 0}
                      onClick={() => {
                        applyAction.setError(undefined);
                        setConfirming(true);
                      }}
                    >
                      Apply reset…
                    </button>
                  </Show>
                </div>
              </div>
              <For each={p().result.warnings}>{(w) => <p class="warn-note" role="note">{w}</p>}</For>
              <OffsetResetPlan plan={p().result.plan} executed={p().result.executed} />
            </div>
          )}
        </Show>
      </div>

      <Show when={confirming() && preview()}>
        {(p) => (
          <Dialog
            title="Apply offset reset"
            submitLabel="Apply reset"
            danger
            onClose={() => setConfirming(false)}
            onSubmit={apply}
            busy={applyAction.busy()}
            error={applyAction.error()}
          >
            <p>
              Commit new offsets for <strong>{p().result.plan.length}</strong> partition
              {p().result.plan.length === 1 ? '' : 's'} of group <strong class="mono">{props.group.groupId}</strong>?
              Consumers resume from these positions.
            </p>
            <ul class="reset-effect" data-testid="reset-effect">
              <For each={planEffectText(p().result.plan)}>{(line) => <li>{line}</li>}</For>
            </ul>
            <p class="muted small">The group must have no active members: stop its consumers first.</p>
          </Dialog>
        )}
      </Show>
    </Panel>
  );
}
