import { useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { deleteAlertRule, getAlertHistory, getAlertRules, testAlertRule, type AlertRule } from '../api/alerts';
import { clusterName, useClusters } from '../app/ClusterContext';
import { useHasRole } from '../app/SessionContext';
import { HistoryTable } from '../features/alerts/HistoryTable';
import { RuleDialog } from '../features/alerts/RuleDialog';
import { RulesTable } from '../features/alerts/RulesTable';
import '../features/alerts/alerts.css';
import { Dialog } from '../ui/Dialog';
import { ErrorBox } from '../ui/ErrorBox';
import { Loaded } from '../ui/Loaded';
import { Notice } from '../ui/Notice';
import { PageHeader, RefreshButton } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { useAction } from '../ui/useAction';

/** Alert rules of the cluster (operators change them), a test send, and the history of what was sent. */
export function Alerts() {
  const params = useParams<{ cluster: string }>();
  const clusters = useClusters();
  const canEdit = useHasRole('operator');
  const [rules, { refetch: refetchRules }] = createResource(() => params.cluster, (c) => getAlertRules(c));
  const [history, { refetch: refetchHistory }] = createResource(() => params.cluster, (c) => getAlertHistory(c));
  const [editing, setEditing] = createSignal<AlertRule | 'new'>();
  const [notice, setNotice] = createSignal<string>();
  const [deleting, setDeleting] = createSignal<AlertRule>();
  const refresh = () => {
    void refetchRules();
    void refetchHistory();
  };
  const test = useAction((rule: AlertRule) => testAlertRule(params.cluster, rule.id));
  const remove = useAction((rule: AlertRule) => deleteAlertRule(params.cluster, rule.id));

  return (
    <section class="page">
      <PageHeader
        title="Alerts"
        actions={
          <>
            <RefreshButton busy={rules.loading || history.loading} onClick={refresh} />
            <Show when={canEdit() && rules.latest?.writable}>
              <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
                New rule
              </button>
            </Show>
          </>
        }
      >
        <span class="page-sub">{clusterName(clusters, params.cluster)} · evaluated after every storage sample</span>
      </PageHeader>
      <Notice message={notice()} onDismiss={() => setNotice(undefined)} />
      <Show when={test.error()}>{(e) => <ErrorBox error={e()} />}</Show>
      <Panel title="Rules" label="Alert rules" note="One message when a condition starts, one when it clears, a reminder while it lasts">
        <Loaded resource={rules} loading="Loading rules…" onRetry={() => void refetchRules()}>
          {(r) => (
            <RulesTable
              rules={r().rules}
              canEdit={canEdit() && r().writable}
              busy={test.busy() || remove.busy()}
              onEdit={setEditing}
              onTest={async (rule) => {
                const done = await test.run(rule);
                if (done) {
                  const ok = done.value.entry.deliveries.filter((d) => d.ok).length;
                  setNotice(`Test message for ${rule.name}: ${ok} of ${done.value.entry.deliveries.length} destinations delivered.`);
                  void refetchHistory();
                }
              }}
              onDelete={setDeleting}
            />
          )}
        </Loaded>
      </Panel>
      <Panel title="History" label="Alert history" note="What was sent, and how each destination took it">
        <Loaded resource={history} loading="Loading history…" onRetry={() => void refetchHistory()}>
          {(h) => <HistoryTable items={h().items} />}
        </Loaded>
      </Panel>
      <Show when={deleting()}>
        {(rule) => (
          <Dialog
            title={`Delete rule ${rule().name}`}
            submitLabel="Delete rule"
            danger
            busy={remove.busy()}
            error={remove.error()}
            onClose={() => setDeleting(undefined)}
            onSubmit={async () => {
              // Read before closing: the accessor is stale once the dialog is gone.
              const target = rule();
              if (await remove.run(target)) {
                setDeleting(undefined);
                setNotice(`Rule ${target.name} deleted.`);
                void refetchRules();
              }
            }}
          >
            <p>Its destinations stop receiving this rule's messages; conditions it reported are not sent as resolved. The history stays.</p>
          </Dialog>
        )}
      </Show>
      <Show when={editing()}>
        {(e) => (
          <RuleDialog
            cluster={params.cluster}
            rule={e() === 'new' ? undefined : (e() as AlertRule)}
            takenIds={rules.latest?.rules.map((x) => x.id) ?? []}
            snsAvailable={rules.latest?.snsAvailable ?? false}
            onClose={() => setEditing(undefined)}
            onSaved={(rule) => {
              setEditing(undefined);
              setNotice(`Rule ${rule.name} saved.`);
              void refetchRules();
            }}
          />
        )}
      </Show>
    </section>
  );
}
