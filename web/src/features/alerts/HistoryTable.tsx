import { For } from 'solid-js';
import type { AlertHistoryEntry } from '../../api/alerts';
import { fmtDateTime } from '../../ui/format';
import { EmptyRow, TableHead } from '../../ui/Table';
import { DESTINATIONS } from './labels';

const COLUMNS = [{ label: 'Sent', width: '170px' }, { label: 'Status', width: '110px' }, { label: 'Rule', width: '180px' }, { label: 'Message' }, { label: 'Delivery', width: '300px' }];
const BADGE: Record<AlertHistoryEntry['status'], string> = { firing: 'badge-error', reminder: 'badge-degraded', resolved: 'badge-ok', test: 'badge-info' };

/** What was sent, newest first, with how each destination took it. */
export function HistoryTable(props: { items: AlertHistoryEntry[] }) {
  return (
    <table class="table wrapping-table" aria-label="Alert history">
      <TableHead columns={COLUMNS} />
      <tbody>
        <For each={props.items}>
          {(e) => (
            <tr data-status={e.status} data-rule={e.ruleId}>
              <td class="nowrap">{fmtDateTime(e.sentAt)}</td>
              <td>
                <span class={`badge ${BADGE[e.status]}`}>{e.status}</span> <span class="small muted">{e.severity}</span>
              </td>
              <td>{e.ruleName}</td>
              <td>{e.summary}</td>
              <td>
                <For each={e.deliveries}>
                  {(d) => (
                    <div class="small" data-delivery={d.destinationId} data-ok={String(d.ok)}>
                      {d.ok ? '✓' : '✗'} {DESTINATIONS[d.kind]}: {d.ok ? `delivered${d.status ? ` (HTTP ${d.status})` : ''}` : `failed — ${d.error ?? 'error'}`}
                      {d.attempts > 1 ? `, ${d.attempts} attempts` : ''}
                    </div>
                  )}
                </For>
              </td>
            </tr>
          )}
        </For>
        <EmptyRow when={props.items.length === 0} columns={COLUMNS.length}>
          Nothing sent yet.
        </EmptyRow>
      </tbody>
    </table>
  );
}
