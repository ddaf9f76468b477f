import { For, Show } from 'solid-js';
import type { AlertRule } from '../../api/alerts';
import { fmtDuration } from '../../ui/format';
import { EmptyRow, TableHead } from '../../ui/Table';
import { DESTINATIONS, KINDS } from './labels';

const COLUMNS = [{ label: 'Rule' }, { label: 'Watches' }, { label: 'Threshold', num: true }, { label: 'Reminder' }, { label: 'Destinations' }, { label: '' }];

interface Props {
  rules: AlertRule[];
  canEdit: boolean;
  busy: boolean;
  onTest: (rule: AlertRule) => void;
  onEdit: (rule: AlertRule) => void;
  onDelete: (rule: AlertRule) => void;
}

/** The cluster's rules; webhook URLs only masked, as the server sends them. */
export function RulesTable(props: Props) {
  return (
    <table class="table" aria-label="Alert rules">
      <TableHead columns={COLUMNS} />
      <tbody>
        <For each={props.rules}>
          {(r) => (
            <tr data-rule={r.id}>
              <td>
                <strong>{r.name}</strong>
                <Show when={!r.enabled}>
                  <span class="tag">disabled</span>
                </Show>
              </td>
              <td>{KINDS[r.kind].label}</td>
              <td class="num">{r.threshold}</td>
              <td class="nowrap">{fmtDuration(r.remindAfterMs)}</td>
              <td>
                <For each={r.destinations}>
                  {(d) => (
                    <div class="small" data-destination={d.id}>
                      {DESTINATIONS[d.kind]} <span class="mono muted">{d.maskedUrl ?? ''}</span>
                    </div>
                  )}
                </For>
              </td>
              <td class="nowrap">
                <Show when={props.canEdit}>
                  <button type="button" class="btn btn-small" disabled={props.busy} onClick={() => props.onTest(r)} aria-label={`Send a test message for ${r.name}`}>
                    Test send
                  </button>{' '}
                  <button type="button" class="btn btn-small" onClick={() => props.onEdit(r)} aria-label={`Edit ${r.name}`}>
                    Edit
                  </button>{' '}
                  <button type="button" class="btn btn-small" disabled={props.busy} onClick={() => props.onDelete(r)} aria-label={`Delete ${r.name}`}>
                    Delete
                  </button>
                </Show>
              </td>
            </tr>
          )}
        </For>
        <EmptyRow when={props.rules.length === 0} columns={COLUMNS.length}>
          No alert rules yet{props.canEdit ? ': add one to have findings come to the team.' : '.'}
        </EmptyRow>
      </tbody>
    </table>
  );
}
