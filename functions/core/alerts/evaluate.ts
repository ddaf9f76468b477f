// One evaluation of a cluster's alert rules, run by the sampler path right after a sample is
// stored: signals → conditions per rule → dedupe → delivery → state and history saved.
import { randomUUID } from 'node:crypto'
import type { AlertHistoryEntry } from '../../contract/alerts.ts'
import type { KafkaCluster, KafkaClusters } from '../kafka/index.ts'
import { runAudit } from '../storage/audit.ts'
import { auditDefaults } from '../storage/audit-rules.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import { conditionsFor, type Signals } from './conditions.ts'
import { transition, type ConditionState } from './dedupe.ts'
import type { DeliverySink } from './deliver.ts'
import type { Notification, StoredRule } from './model.ts'
import type { AlertStore } from './store.ts'

export interface AlertServices {
  store: AlertStore
  delivery: DeliverySink
}

export interface AlertContext extends AlertServices {
  logs: VictoriaLogsClient
  storage: { forecastMinSpanMs: number; forecastMinSamples: number }
}

export interface AlertRun {
  cluster: string
  ok: boolean
  rules: number
  sent: number
  failed: number
  error?: string
}

/** The findings the rules look at, with the thresholds widened to what the rules ask for. */
async function signalsFor(cluster: KafkaCluster, rules: StoredRule[], ctx: AlertContext, now: Date): Promise<Signals> {
  const of = (kind: StoredRule['kind']) => rules.filter((r) => r.kind === kind).map((r) => r.threshold)
  const lagShares = of('group-at-risk')
  const fillDays = of('disk-full')
  const needsAudit = rules.some((r) => r.kind === 'retention-audit' || r.kind === 'group-at-risk' || r.kind === 'disk-full')
  const needsMetadata = rules.some((r) => r.kind === 'under-replicated' || r.kind === 'offline-partitions')
  const [report, metadata] = await Promise.all([
    needsAudit
      ? runAudit(ctx.logs, cluster.id, {
        ...auditDefaults(ctx.storage),
        ...(lagShares.length ? { lagShare: Math.min(0.8, ...lagShares) } : {}),
        ...(fillDays.length ? { fillWithinDays: Math.max(14, ...fillDays) } : {}),
      }, now)
      : null,
    needsMetadata ? cluster.metadata().catch(() => null) : null,
  ])
  return { findings: report?.findings ?? [], metadata }
}

/** Sends one notification to each destination of its rule; the history entry records how each went. */
export async function notify(rule: StoredRule, n: Notification, delivery: DeliverySink): Promise<AlertHistoryEntry> {
  const deliveries = await Promise.all(rule.destinations.map((d) => delivery.deliver(d, n)))
  return { id: randomUUID(), cluster: n.cluster, ruleId: rule.id, ruleName: rule.name, status: n.status, severity: n.severity, key: n.key, summary: n.summary, sentAt: n.at, deliveries }
}

export async function evaluateCluster(cluster: KafkaCluster, ctx: AlertContext, now = new Date()): Promise<AlertRun> {
  const rules = (await ctx.store.rules(cluster.id)).filter((r) => r.enabled)
  const previous = await ctx.store.states(cluster.id)
  if (rules.length === 0 && previous.length === 0) return { cluster: cluster.id, ok: true, rules: 0, sent: 0, failed: 0 }
  const signals = rules.length > 0 ? await signalsFor(cluster, rules, ctx, now) : { findings: [], metadata: null }
  const states: ConditionState[] = []
  const entries: AlertHistoryEntry[] = []
  for (const rule of rules) {
    const active = conditionsFor(rule, signals)
    const mine = previous.filter((s) => s.ruleId === rule.id)
    // A signal that could not be read changes nothing: no false "resolved".
    if (active === null) {
      states.push(...mine)
      continue
    }
    const step = transition(rule, active, mine, now)
    states.push(...step.states)
    for (const n of step.notifications) entries.push(await notify(rule, n, ctx.delivery))
  }
  // States of rules disabled or deleted since are dropped without a message: the rule is what went away.
  await ctx.store.saveStates(cluster.id, states)
  if (entries.length > 0) await ctx.store.addHistory(cluster.id, entries)
  const failed = entries.filter((e) => e.deliveries.some((d) => !d.ok)).length
  return { cluster: cluster.id, ok: true, rules: rules.length, sent: entries.length, failed }
}

/** Every cluster (or the named ones); one failing does not stop the others. */
export async function runAlertJob(kafka: KafkaClusters, ctx: AlertContext, only?: string[], now = new Date()): Promise<AlertRun[]> {
  const clusters = only ? only.map((id) => kafka.get(id)) : kafka.list()
  return Promise.all(clusters.map(async (cluster): Promise<AlertRun> => {
    try {
      return await evaluateCluster(cluster, ctx, now)
    } catch (error: unknown) {
      return { cluster: cluster.id, ok: false, rules: 0, sent: 0, failed: 0, error: error instanceof Error ? error.message : String(error) }
    }
  }))
}
