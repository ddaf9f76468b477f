import { createResource, createSignal, For, Show } from 'solid-js';
import { exportAudit, getAudit, runAudit, type AuditReport, type Finding } from '../../api/storage';
import { ErrorBox } from '../../ui/ErrorBox';
import { fmtDateTime } from '../../ui/format';
import { useHasRole } from '../../app/SessionContext';
import { saveBlob } from '../../ui/download';
import { EmptyRow, TableHead } from '../../ui/Table';
import { useAction } from '../../ui/useAction';
import './storage.css';

const RULES: Record<string, string> = {
  'infinite-retention-growing': 'Infinite retention, growing',
  'retention-not-enforced': 'Data older than retention',
  'consumer-lag-retention': 'Consumer lag near retention',
  'large-unread-topic': 'Large topic nobody reads',
  'retention-bytes-over-disk': 'retention.bytes over the disk',
  'logdir-fill-forecast': 'Log dir filling up',
  'retention-too-small': 'Retention too small',
};

const COLUMNS = [
  { label: 'Severity', width: '112px' },
  { label: 'Rule', width: '210px' },
  { label: 'Where', width: '280px' },
  { label: 'Finding' },
];

const BADGE: Record<Finding['severity'], string> = { critical: 'badge-error', warning: 'badge-degraded', info: 'badge-info' };

const evidenceText = (e: Finding['evidence']) =>
  Object.entries(e)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' · ');

interface Props {
  cluster: string;
  onSelectTopic: (topic: string) => void;
}

/** The latest retention audit: findings with severity, evidence and suggestion; run on demand, export. */
export function RetentionAudit(props: Props) {
  const canRun = useHasRole('operator');
  const [report, { refetch }] = createResource(() => props.cluster, (c) => getAudit(c));
  // A report just run here wins over the stored one, and over "none stored yet" (a 404 problem).
  const [ran, setRan] = createSignal<AuditReport>();
  const run = useAction(() => runAudit(props.cluster));
  const exporting = useAction(async (format: 'json' | 'csv') => saveBlob(await exportAudit(props.cluster, format), `${props.cluster}-retention-audit.${format}`));
  const [filter, setFilter] = createSignal<Finding['severity'] | 'all'>('all');
  const current = (): AuditReport | undefined => ran() ?? (report.error ? undefined : report.latest);
  const findings = () => current()?.findings.filter((f) => filter() === 'all' || f.severity === filter()) ?? [];

  return (
    <div class="audit-panel">
      <div class="panel-tools audit-tools">
        <Show when={current()}>
          {(r) => (
            <span class="muted small" data-testid="audit-summary">
              {fmtDateTime(r().generatedAt)}: {r().summary.critical} critical, {r().summary.warning} warning, {r().summary.info} info
              {r().partial ? ' (from a partial sample)' : ''}
            </span>
          )}
        </Show>
        <label class="small">
          Show{' '}
          <select value={filter()} onChange={(e) => setFilter(e.currentTarget.value as Finding['severity'] | 'all')} aria-label="Severity filter">
            <option value="all">all</option>
            <option value="critical">critical</option>
            <option value="warning">warning</option>
            <option value="info">info</option>
          </select>
        </label>
        <button type="button" class="btn btn-small" disabled={exporting.busy() || !current()} onClick={() => void exporting.run('json')}>
          Export JSON
        </button>
        <button type="button" class="btn btn-small" disabled={exporting.busy() || !current()} onClick={() => void exporting.run('csv')}>
          Export CSV
        </button>
        <Show when={canRun()}>
          <button
            type="button"
            class="btn btn-small btn-primary"
            disabled={run.busy()}
            onClick={() => void run.run().then((r) => r && setRan(r.value))}
          >
            {run.busy() ? 'Auditing…' : 'Run audit now'}
          </button>
        </Show>
      </div>
      <Show when={run.error() ?? exporting.error()}>{(e) => <ErrorBox error={e()} />}</Show>
      <Show when={!ran() && report.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetch()} />}</Show>
      <Show when={current()} fallback={<Show when={!report.error}><p class="muted panel-body">Loading the audit…</p></Show>}>
        <table class="table sticky-head wrapping-table" aria-label="Audit findings">
          <TableHead columns={COLUMNS} />
          <tbody>
            <For each={findings()}>
              {(f) => (
                <tr data-rule={f.rule} data-severity={f.severity} data-topic={f.topic}>
                  <td>
                    <span class={`badge ${BADGE[f.severity]}`}>{f.severity}</span>
                  </td>
                  <td class="nowrap">{RULES[f.rule] ?? f.rule}</td>
                  <td class="audit-where">
                    <Show when={f.topic}>
                      {(t) => (
                        <button type="button" class="link-button mono" onClick={() => props.onSelectTopic(t())}>
                          {t()}
                        </button>
                      )}
                    </Show>
                    <Show when={f.group}>{(g) => <div class="muted small mono">group {g()}</div>}</Show>
                    <Show when={f.broker !== undefined}>
                      <span class="mono">
                        broker {f.broker} {f.logDir}
                      </span>
                    </Show>
                  </td>
                  <td>
                    <div>{f.message}</div>
                    <div class="muted small mono audit-evidence">{evidenceText(f.evidence)}</div>
                    <Show when={f.suggestion}>{(s) => <div class="audit-suggestion">→ {s()}</div>}</Show>
                  </td>
                </tr>
              )}
            </For>
            <EmptyRow when={findings().length === 0} columns={COLUMNS.length}>
              {current()?.sampledAt ? 'No findings: retention looks healthy.' : 'No storage sample yet: nothing to audit.'}
            </EmptyRow>
          </tbody>
        </table>
      </Show>
    </div>
  );
}
