// What each kind of rule finds, from what the sampler path already knows: the retention audit's
// findings on the latest sample (consumer lag against retention, log dirs filling up, absurd
// retention…) and the partitions' replication state from the cluster's metadata.
import type { Finding } from '../../contract/storage.ts'
import type { ClusterSnapshot } from '../kafka/index.ts'
import type { Condition, StoredRule } from './model.ts'

export interface Signals {
  findings: Finding[]
  /** Null when the cluster's metadata could not be read: replication rules then find nothing new and clear nothing. */
  metadata: ClusterSnapshot | null
}

const findingKey = (f: Finding) => [f.rule, f.topic ?? '', f.group ?? '', f.broker ?? '', f.logDir ?? ''].join('|')

function partitionsWhere(metadata: ClusterSnapshot, test: (p: ClusterSnapshot['topics'][number]['partitions'][number]) => boolean) {
  return metadata.topics.map((t) => ({ topic: t.name, partitions: t.partitions.filter(test).map((p) => p.partition) })).filter((t) => t.partitions.length > 0)
}

function replicationConditions(rule: StoredRule, metadata: ClusterSnapshot, offline: boolean): Condition[] {
  const affected = offline
    ? partitionsWhere(metadata, (p) => p.leader < 0)
    : partitionsWhere(metadata, (p) => p.leader >= 0 && p.isr.length < p.replicas.length)
  const total = affected.reduce((sum, t) => sum + t.partitions.length, 0)
  if (total < Math.max(1, rule.threshold)) return []
  return affected.map((t) => ({
    key: t.topic,
    severity: offline ? 'critical' : 'warning',
    summary: `${t.topic}: ${t.partitions.length} partition${t.partitions.length === 1 ? '' : 's'} ${offline ? 'without a leader (offline)' : 'with fewer in-sync replicas than replicas'} (${t.partitions.slice(0, 20).join(', ')}${t.partitions.length > 20 ? ', …' : ''}).`,
  }))
}

/** The conditions a rule finds now; `previous` keys survive when the signal they need is missing. */
export function conditionsFor(rule: StoredRule, signals: Signals): Condition[] | null {
  switch (rule.kind) {
    case 'retention-audit':
      return signals.findings
        .filter((f) => f.severity === 'critical' || (f.severity === 'warning' && rule.threshold <= 1))
        .map((f) => ({ key: findingKey(f), severity: f.severity === 'critical' ? 'critical' : 'warning', summary: f.message }))
    case 'group-at-risk':
      return signals.findings
        .filter((f) => f.rule === 'consumer-lag-retention' && (Number(f.evidence.deletedUnread ?? 0) > 0 || Number(f.evidence.share ?? 0) >= rule.threshold))
        .map((f) => ({ key: `${f.group ?? ''}|${f.topic ?? ''}`, severity: f.severity === 'critical' ? 'critical' : 'warning', summary: f.message }))
    case 'disk-full':
      return signals.findings
        .filter((f) => f.rule === 'logdir-fill-forecast' && Number(f.evidence.daysUntilFull) <= rule.threshold)
        .map((f) => ({ key: `${f.broker ?? ''}|${f.logDir ?? ''}`, severity: f.severity === 'critical' ? 'critical' : 'warning', summary: f.message }))
    case 'under-replicated':
    case 'offline-partitions':
      return signals.metadata ? replicationConditions(rule, signals.metadata, rule.kind === 'offline-partitions') : null
  }
}
