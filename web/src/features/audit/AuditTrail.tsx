import { createResource, For, Show } from 'solid-js';
import { listAudit, type AuditRecord } from '../../api/audit';
import { ErrorBox } from '../../ui/ErrorBox';
import { fmtDateTime } from '../../ui/format';
import { Panel } from '../../ui/Panel';
import { EmptyRow, TableHead } from '../../ui/Table';

const LIMIT = 50;
const MAX_TEXT = 80;

const COLUMNS = [
  { label: 'Time', width: '176px' },
  { label: 'Who', width: '120px' },
  { label: 'Action', width: '150px' },
  { label: 'Change' },
];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function short(v: unknown): string {
  if (v === null || v === undefined || v === '') return '∅';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s;
}

/** Audit stores before/after as JSON text; older records may still carry it as a string. */
function parse(v: unknown): unknown {
  if (typeof v !== 'string' || v === '') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/**
 * before → after, compactly: for two objects only the keys that changed
 * ("retention.ms: 604800000 → 3600000"), otherwise the two values.
 */
function diffText(item: Pick<AuditRecord, 'before' | 'after'>): string {
  const before = parse(item.before);
  const after = parse(item.after);
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length === 0) return 'no change';
    return changed.map((k) => `${k}: ${short(before[k])} → ${short(after[k])}`).join('; ');
  }
  return `${short(before)} → ${short(after)}`;
}

/** Who changed this topic, when, and how. Reloads when the page's `version` changes (after an admin action). */
export function AuditTrail(props: { cluster: string; target: string; version: number }) {
  const [audit, { refetch }] = createResource(
    () => ({ c: props.cluster, t: props.target, v: props.version }),
    (k) => listAudit(k.c, { target: k.t, limit: LIMIT }),
  );
  const items = () => (audit.error ? [] : (audit.latest?.items ?? []));

  return (
    <Panel title="Recent changes" note={`last ${LIMIT}, newest first`}>
      <Show when={audit.error}>
        {(e) => (
          <div class="panel-body">
            <ErrorBox error={e()} onRetry={() => void refetch()} />
          </div>
        )}
      </Show>
      <table class="table sticky-head wrapping-table">
        <TableHead columns={COLUMNS} />
        <tbody>
          <For each={items()}>
            {(it) => (
              <tr data-action={it.action}>
                <td class="mono nowrap" title={it.time}>
                  {fmtDateTime(it.time)}
                </td>
                <td class="nowrap">
                  {it.actor} <span class="tag">{it.role}</span>
                </td>
                <td class="mono nowrap">{it.action}</td>
                <td class="mono" title={diffText(it)}>
                  {diffText(it)}
                </td>
              </tr>
            )}
          </For>
          <EmptyRow when={!audit.error && items().length === 0} columns={COLUMNS.length}>
            {audit.loading ? 'Loading changes…' : 'No recorded changes to this topic.'}
          </EmptyRow>
        </tbody>
      </table>
    </Panel>
  );
}
