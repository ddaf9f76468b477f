import { createSignal, For, Show } from 'solid-js';
import { applyTtlAdvice, type TtlAdvice as Advice } from '../../api/storage';
import { Dialog } from '../../ui/Dialog';
import { useHasRole } from '../../app/SessionContext';
import { TableHead } from '../../ui/Table';
import { useAction } from '../../ui/useAction';
import { fmtBytes, fmtMoney } from '../../ui/format';
import { fmtRetention, fmtRetentionBytes, priceNote } from './format';
import './storage.css';

const STATUS: Record<Advice['status'], string> = {
  keep: 'Keep the current retention',
  raise: 'Raise retention',
  lower: 'Lower retention',
  conflict: 'Consumers and disks disagree',
  'insufficient-data': 'Not enough history yet',
};

const show = (key: string, value: string | number | null) =>
  key === 'retention.bytes' ? fmtRetentionBytes(value === null ? null : Number(value)) : fmtRetention(value === null ? null : Number(value));

interface Props {
  cluster: string;
  advice: Advice;
  onApplied: (message: string) => void;
}

/** The advice with its reasoning; operators apply it after seeing the exact change. */
export function TtlAdvice(props: Props) {
  const canApply = useHasRole('operator');
  const [open, setOpen] = createSignal(false);
  const action = useAction((set: Record<string, string>) => applyTtlAdvice(props.cluster, props.advice.topic, set, props.advice.window));
  const current = (key: string) => (key === 'retention.bytes' ? props.advice.current.retentionBytes : props.advice.current.retentionMs);

  const apply = async () => {
    const change = props.advice.change;
    if (!change) return;
    const done = await action.run(change.set);
    if (done) {
      setOpen(false);
      props.onApplied(`Retention of ${props.advice.topic} changed: ${Object.entries(done.value.applied).map(([k, v]) => `${k}=${v}`).join(', ')}.`);
    }
  };

  return (
    <div class="ttl-advice" data-status={props.advice.status}>
      <div class="ttl-head">
        <strong>{STATUS[props.advice.status]}</strong>
        <Show when={props.advice.change}>
          <span>
            retention.ms <span class="mono">{fmtRetention(props.advice.current.retentionMs)}</span> →{' '}
            <span class="mono">{fmtRetention(props.advice.suggested.retentionMs)}</span>
          </span>
        </Show>
        <Show when={props.advice.change && canApply()}>
          <button type="button" class="btn btn-small btn-primary" onClick={() => setOpen(true)}>
            Apply advice…
          </button>
        </Show>
      </div>
      <Show when={props.advice.cost}>
        {(cost) => (
          <p class="ttl-cost" data-testid="ttl-cost" title={priceNote(cost().price)}>
            Storage cost: {fmtMoney(cost().currentPerMonth, cost().price.currency)}/month now
            <Show when={props.advice.change && cost().suggestedPerMonth !== null && cost().currentPerMonth !== null}>
              {(() => {
                const c = cost();
                const delta = (c.suggestedPerMonth as number) - (c.currentPerMonth as number);
                return (
                  <>
                    {' '}
                    → {fmtMoney(c.suggestedPerMonth, c.price.currency)}/month with the advice (
                    <strong>
                      {delta <= 0 ? 'saves' : 'costs'} {fmtMoney(Math.abs(delta), c.price.currency)}/month
                    </strong>
                    )
                  </>
                );
              })()}
            </Show>
          </p>
        )}
      </Show>
      <ul class="ttl-reasons">
        <For each={props.advice.reasoning}>{(line) => <li>{line}</li>}</For>
      </ul>
      <Show when={props.advice.change && !canApply()}>
        <p class="muted small">Applying the advice needs the operator role.</p>
      </Show>
      <Show when={open() && props.advice.change}>
        {(change) => (
          <Dialog
            title="Apply retention change"
            submitLabel="Apply change"
            onClose={() => setOpen(false)}
            onSubmit={apply}
            busy={action.busy()}
            error={action.error()}
          >
            <p>
              Topic <span class="mono">{props.advice.topic}</span>: these settings change with IncrementalAlterConfigs; every other
              override of the topic stays as it is. The change is recorded in the audit trail.
            </p>
            <table class="table" aria-label="Retention change preview">
              <TableHead columns={[{ label: 'Config' }, { label: 'Now' }, { label: 'After' }]} />
              <tbody>
                <For each={Object.entries(change().set)}>
                  {([key, value]) => (
                    <tr data-config={key}>
                      <td class="mono">{key}</td>
                      <td>
                        {show(key, current(key))} <span class="muted small mono">({current(key) ?? 'default'})</span>
                      </td>
                      <td>
                        <strong>{show(key, value)}</strong> <span class="muted small mono">({value})</span>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={props.advice.inputs.steadyStateBytesAtSuggested !== null}>
              <p class="muted small">
                Forecast after the change: {fmtBytes(props.advice.inputs.steadyStateBytesAtSuggested)} on disk in steady state
                {props.advice.cost?.suggestedPerMonth != null ? `, ${fmtMoney(props.advice.cost.suggestedPerMonth, props.advice.cost.price.currency)}/month` : ''}.
              </p>
            </Show>
          </Dialog>
        )}
      </Show>
    </div>
  );
}
