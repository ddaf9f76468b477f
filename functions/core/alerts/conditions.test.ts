import { describe, expect, it } from 'vitest'
import type { Finding } from '../../contract/storage.ts'
import type { ClusterSnapshot } from '../kafka/index.ts'
import { conditionsFor } from './conditions.ts'
import type { StoredRule } from './model.ts'

const rule = (kind: StoredRule['kind'], threshold: number): StoredRule => ({
  id: kind, cluster: 'prod', name: kind, enabled: true, kind, threshold, remindAfterMs: 3_600_000, destinations: [], updatedAt: '', updatedBy: '',
})
const finding = (rule: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => ({ rule, severity, message: `${rule} ${severity}`, evidence: {}, ...extra })
const partition = (p: number, leader: number, replicas: number[], isr: number[]) => ({ partition: p, leader, leaderEpoch: 0, replicas, isr, offlineReplicas: [] })
const metadata: ClusterSnapshot = {
  clusterId: 'c', controllerId: 1, brokers: [],
  topics: [
    { name: 'orders', id: '1', internal: false, partitions: [partition(0, 1, [1, 2], [1]), partition(1, 2, [1, 2], [1, 2]), partition(2, -1, [1, 2], [])] },
    { name: 'clicks', id: '2', internal: false, partitions: [partition(0, 1, [1, 2], [1, 2])] },
  ],
}

describe('alert conditions', () => {
  it('retention audit: warnings and criticals at threshold 1, criticals only at 2; info never', () => {
    const findings = [finding('a', 'info', { topic: 'x' }), finding('b', 'warning', { topic: 'y' }), finding('c', 'critical', { topic: 'z' })]
    expect(conditionsFor(rule('retention-audit', 1), { findings, metadata: null })?.map((c) => c.key)).toEqual(['b|y|||', 'c|z|||'])
    expect(conditionsFor(rule('retention-audit', 2), { findings, metadata: null })?.map((c) => [c.key, c.severity])).toEqual([['c|z|||', 'critical']])
  })

  it('groups at risk from their share of retention, or records already lost', () => {
    const findings = [
      finding('consumer-lag-retention', 'warning', { group: 'g1', topic: 't', evidence: { share: 0.85, deletedUnread: 0 } }),
      finding('consumer-lag-retention', 'critical', { group: 'g2', topic: 't', evidence: { share: null, deletedUnread: 4 } }),
    ]
    expect(conditionsFor(rule('group-at-risk', 0.9), { findings, metadata: null })?.map((c) => c.key)).toEqual(['g2|t'])
    expect(conditionsFor(rule('group-at-risk', 0.8), { findings, metadata: null })?.map((c) => c.key)).toEqual(['g1|t', 'g2|t'])
  })

  it('disk full within the rule’s days', () => {
    const findings = [finding('logdir-fill-forecast', 'warning', { broker: 1, logDir: '/data', evidence: { daysUntilFull: 10 } })]
    expect(conditionsFor(rule('disk-full', 7), { findings, metadata: null })).toEqual([])
    expect(conditionsFor(rule('disk-full', 14), { findings, metadata: null })?.map((c) => c.key)).toEqual(['1|/data'])
  })

  it('under-replicated and offline partitions per topic, once the count reaches the threshold; unknown without metadata', () => {
    expect(conditionsFor(rule('under-replicated', 1), { findings: [], metadata })).toEqual([
      { key: 'orders', severity: 'warning', summary: 'orders: 1 partition with fewer in-sync replicas than replicas (0).' },
    ])
    expect(conditionsFor(rule('under-replicated', 2), { findings: [], metadata })).toEqual([])
    expect(conditionsFor(rule('offline-partitions', 1), { findings: [], metadata })).toEqual([
      { key: 'orders', severity: 'critical', summary: 'orders: 1 partition without a leader (offline) (2).' },
    ])
    // No metadata: nothing starts and nothing clears (null, not []).
    expect(conditionsFor(rule('offline-partitions', 1), { findings: [], metadata: null })).toBeNull()
  })
})
