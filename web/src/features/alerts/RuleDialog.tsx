import { createSignal, Index, Show } from 'solid-js';
import { saveAlertRule, type AlertKind, type AlertRule, type AlertRuleInput, type DestinationKind } from '../../api/alerts';
import { Dialog } from '../../ui/Dialog';
import { InputField, SelectField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { DESTINATIONS, KINDS } from './labels';

interface Draft {
  id?: string;
  kind: DestinationKind;
  url: string;
  /** An existing webhook: its URL stays on the server unless a new one is typed. */
  maskedUrl?: string;
}

interface Props {
  cluster: string;
  rule?: AlertRule;
  /** Ids in use: a new rule never takes one (saving is an upsert by id). */
  takenIds: string[];
  snsAvailable: boolean;
  onClose: () => void;
  onSaved: (rule: AlertRule) => void;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48) || 'rule';

/** Create or edit a rule: what it watches, its threshold, its reminder period and where it goes. */
export function RuleDialog(props: Props) {
  const r = props.rule;
  const [name, setName] = createSignal(r?.name ?? '');
  const [kind, setKind] = createSignal<AlertKind>(r?.kind ?? 'retention-audit');
  const [threshold, setThreshold] = createSignal(String(r?.threshold ?? KINDS['retention-audit'].default));
  const [remindHours, setRemindHours] = createSignal(String((r?.remindAfterMs ?? 4 * 3_600_000) / 3_600_000));
  const [enabled, setEnabled] = createSignal(r?.enabled ?? true);
  const [destinations, setDestinations] = createSignal<Draft[]>(
    r?.destinations.map((d) => ({ id: d.id, kind: d.kind, url: '', ...(d.maskedUrl ? { maskedUrl: d.maskedUrl } : {}) })) ?? [{ kind: 'slack', url: '' }],
  );
  const save = useAction((id: string, input: AlertRuleInput) => saveAlertRule(props.cluster, id, input));
  const kinds = Object.entries(KINDS).map(([value, k]) => ({ value, label: k.label }));
  const destinationKinds = () =>
    Object.entries(DESTINATIONS)
      .filter(([value]) => value !== 'sns' || props.snsAvailable)
      .map(([value, label]) => ({ value, label }));
  const update = (i: number, change: Partial<Draft>) => setDestinations((list) => list.map((d, j) => (j === i ? { ...d, ...change } : d)));

  const submit = async () => {
    const input: AlertRuleInput = {
      name: name().trim(),
      enabled: enabled(),
      kind: kind(),
      threshold: Number(threshold()),
      remindAfterMs: Math.round(Number(remindHours()) * 3_600_000),
      destinations: destinations().map((d) => ({ ...(d.id ? { id: d.id } : {}), kind: d.kind, ...(d.kind !== 'sns' && d.url.trim() ? { url: d.url.trim() } : {}) })),
    };
    const base = slug(input.name);
    let id = base;
    for (let n = 2; !r && props.takenIds.includes(id); n++) id = `${base}-${n}`;
    const done = await save.run(r?.id ?? id, input);
    if (done) props.onSaved(done.value);
  };

  return (
    <Dialog title={r ? `Edit rule ${r.name}` : 'New alert rule'} submitLabel="Save rule" onClose={props.onClose} onSubmit={submit} busy={save.busy()} error={save.error()} wide>
      <div class="alert-form">
        <InputField label="Name" value={name()} onValue={setName} required maxLength={120} />
        <SelectField
          label="Watches"
          hint={KINDS[kind()].hint}
          options={kinds}
          value={kind()}
          onValue={(v) => {
            setKind(v as AlertKind);
            setThreshold(String(KINDS[v as AlertKind].default));
          }}
        />
        <InputField label={KINDS[kind()].threshold} type="number" step="any" value={threshold()} onValue={setThreshold} />
        <InputField label="Remind after (hours) while it lasts" type="number" step="any" min="0.0167" value={remindHours()} onValue={setRemindHours} />
        <label class="alert-enabled">
          <input type="checkbox" checked={enabled()} onChange={(e) => setEnabled(e.currentTarget.checked)} /> Enabled
        </label>
        <fieldset class="alert-destinations">
          <legend>Destinations</legend>
          <Index each={destinations()}>
            {(d, i) => (
              <div class="alert-destination">
                <SelectField label={`Destination ${i + 1}`} options={destinationKinds()} value={d().kind} onValue={(v) => update(i, { kind: v as DestinationKind })} />
                <Show when={d().kind !== 'sns'}>
                  <InputField
                    label={`Webhook URL ${i + 1}`}
                    type="url"
                    inputClass="mono"
                    placeholder={d().maskedUrl ? `keep ${d().maskedUrl}` : 'https://…'}
                    hint={d().maskedUrl ? 'Stored and not shown again; type a new URL to replace it.' : undefined}
                    value={d().url}
                    onValue={(v) => update(i, { url: v })}
                  />
                </Show>
                <button type="button" class="btn btn-small" aria-label={`Remove destination ${i + 1}`} onClick={() => setDestinations((list) => list.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </div>
            )}
          </Index>
          <button type="button" class="btn btn-small" onClick={() => setDestinations((list) => [...list, { kind: 'slack', url: '' }])}>
            Add destination
          </button>
        </fieldset>
      </div>
    </Dialog>
  );
}
