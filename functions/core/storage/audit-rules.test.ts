// Thresholds and wording of each audit rule, on synthetic inputs (the integration tests build
// the real cases on the broker: functions/api/storage-audit.int.test.ts).
import { describe, expect, it } from 'vitest'
import { defaultAuditOptions, evaluateRules, type AuditInput } from './audit-rules.ts'
import type { RankedTopic } from './ranking.ts'

const now = Date.UTC(2026, 0, 15)
const hour = 3_600_000
const topic = (name: string, extra: Partial<RankedTopic> = {}): RankedTopic => ({
  topic: name, internal: false, bytes: 1e9, leaderBytes: 1e9, partitions: 3, replicationFactor: 1, brokers: { 1: 1e9 }, complete: true,
  unknownReplicas: 0, messages: 1e6, brokerSkew: 1, replicaSkew: null, oldestTimestamp: new Date(now - hour).toISOString(),
  retentionMs: 7 * 24 * hour, retentionBytes: -1, segmentBytes: 2 ** 30, segmentMs: 7 * 24 * hour, cleanupPolicy: 'delete', ...extra,
})
const input = (extra: Partial<AuditInput>): AuditInput => ({
  sampledAt: now, sizesAvailable: true, groupsKnown: true, topics: [], groups: [], topicGrowth: new Map(), logDirs: [], ...extra,
})
const rules = (i: AuditInput) => evaluateRules(i, defaultAuditOptions).map((f) => [f.rule, f.severity, f.topic ?? f.logDir])

describe('audit rules', () => {
  it('infinite retention: only when growing faster than the threshold, and not for compacted topics', () => {
    const growing = { perDay: 5e9, points: 30, spanMs: 26 * hour }
    expect(rules(input({ topics: [topic('a', { retentionMs: -1 })], topicGrowth: new Map([['a', growing]]), groups: [{ group: 'g', topic: 'a', state: 'Stable', lag: 0, maxLagMs: 0, deletedUnread: 0 }] }))).toEqual([['infinite-retention-growing', 'warning', 'a']])
    expect(rules(input({ topics: [topic('a', { retentionMs: -1 })], topicGrowth: new Map([['a', { ...growing, perDay: 1000 }]]), groups: [{ group: 'g', topic: 'a', state: 'Stable', lag: 0, maxLagMs: 0, deletedUnread: 0 }] }))).toEqual([])
    expect(rules(input({ topics: [topic('a', { retentionMs: -1, cleanupPolicy: 'compact' })], topicGrowth: new Map([['a', growing]]), groups: [{ group: 'g', topic: 'a', state: 'Stable', lag: 0, maxLagMs: 0, deletedUnread: 0 }] }))).toEqual([])
    // Too few samples to call it growing (the forecast history minimum).
    expect(rules(input({ topics: [topic('a', { retentionMs: -1 })], topicGrowth: new Map([['a', { ...growing, points: 11 }]]), groups: [{ group: 'g', topic: 'a', state: 'Stable', lag: 0, maxLagMs: 0, deletedUnread: 0 }] }))).toEqual([])
    // A size limit bounds it.
    expect(rules(input({ topics: [topic('a', { retentionMs: -1, retentionBytes: 1e10 })], topicGrowth: new Map([['a', growing]]), groups: [{ group: 'g', topic: 'a', state: 'Stable', lag: 0, maxLagMs: 0, deletedUnread: 0 }] }))).toEqual([])
  })

  it('data beyond retention: tolerates the deletion delay, names segment.ms when it is the cause', () => {
    const read = (name: string) => ({ group: 'g', topic: name, state: 'Stable', lag: 0, maxLagMs: 0, deletedUnread: 0 })
    const justLate = topic('a', { retentionMs: hour, oldestTimestamp: new Date(now - hour - 5 * 60_000).toISOString() })
    const stale = topic('b', { retentionMs: hour, oldestTimestamp: new Date(now - 3 * hour).toISOString() })
    const findings = evaluateRules(input({ topics: [justLate, stale], groups: [read('a'), read('b')] }))
    expect(findings.map((f) => [f.rule, f.severity, f.topic])).toEqual([['retention-not-enforced', 'warning', 'b']])
    expect(findings[0]?.message).toContain('segment.ms=7.0 d')
  })

  it('group lag: warning from 80% of retention, critical at 100% or when records were deleted unread', () => {
    const t = topic('a', { retentionMs: 10 * hour })
    const lag = (maxLagMs: number | null, deletedUnread = 0) => ({ group: 'g', topic: 'a', state: 'Empty', lag: 10, maxLagMs, deletedUnread })
    expect(rules(input({ topics: [t], groups: [lag(7.9 * hour)] }))).toEqual([])
    expect(rules(input({ topics: [t], groups: [lag(8 * hour)] }))).toEqual([['consumer-lag-retention', 'warning', 'a']])
    expect(rules(input({ topics: [t], groups: [lag(10 * hour)] }))).toEqual([['consumer-lag-retention', 'critical', 'a']])
    expect(rules(input({ topics: [t], groups: [lag(null, 3)] }))).toEqual([['consumer-lag-retention', 'critical', 'a']])
    expect(rules(input({ topics: [t], groups: [lag(null)] }))).toEqual([])
  })

  it('group lag: judged by the oldest unread record\'s age, so a stopped group on a quiet topic is flagged', () => {
    const t = topic('a', { retentionMs: 10 * hour })
    // Nothing newer than the unread records (lag behind the newest: 0), but they are 9 h old.
    const stopped = { group: 'g', topic: 'a', state: 'Empty', lag: 10, maxLagMs: 0, oldestUnreadAgeMs: 9 * hour, deletedUnread: 0 }
    expect(rules(input({ topics: [t], groups: [stopped] }))).toEqual([['consumer-lag-retention', 'warning', 'a']])
    expect(rules(input({ topics: [t], groups: [{ ...stopped, oldestUnreadAgeMs: 7 * hour, maxLagMs: 9 * hour }] }))).toEqual([])
  })

  it('large unread topics: not when group data is missing or sizes are unavailable', () => {
    const big = topic('a', { bytes: 2 * 1024 ** 3 })
    expect(rules(input({ topics: [big] }))).toEqual([['large-unread-topic', 'info', 'a']])
    expect(rules(input({ topics: [topic('a', { bytes: 20 * 1024 ** 3 })] }))).toEqual([['large-unread-topic', 'warning', 'a']])
    expect(rules(input({ topics: [big], groupsKnown: false }))).toEqual([])
    expect(rules(input({ topics: [big], sizesAvailable: false }))).toEqual([])
    expect(rules(input({ topics: [topic('__consumer_offsets', { bytes: 5 * 1024 ** 3, internal: true })] }))).toEqual([])
  })

  it('retention.bytes over the disk: × partitions × replicas against the disks of the brokers holding the topic', () => {
    const disks = [1, 2, 3].map((broker) => ({ broker, path: '/data', bytes: 0, totalBytes: 1e12, usableBytes: 5e11, growth: { perDay: null, points: 0, spanMs: 0 } }))
    const read = { group: 'g', topic: 'a', state: 'Stable', lag: 0, maxLagMs: 0, deletedUnread: 0 }
    const fits = topic('a', { retentionBytes: 1e11, partitions: 10, replicationFactor: 3, brokers: { 1: 1, 2: 1, 3: 1 } })
    expect(rules(input({ topics: [fits], logDirs: disks, groups: [read] }))).toEqual([])
    const over = topic('a', { retentionBytes: 2e11, partitions: 10, replicationFactor: 3, brokers: { 1: 1, 2: 1, 3: 1 } })
    const [finding] = evaluateRules(input({ topics: [over], logDirs: disks, groups: [read] }))
    expect(finding).toMatchObject({ rule: 'retention-bytes-over-disk', severity: 'critical', evidence: { allowedBytes: 6e12, diskTotalBytes: 3e12 } })
    expect(finding?.suggestion).toContain(String(Math.floor((0.7 * 3e12) / 30)))
  })

  it('log dir fill forecast: within N days warns, within N/4 is critical, no growth is quiet', () => {
    const dir = (perDay: number | null) => ({ broker: 1, path: '/data', bytes: 1e11, totalBytes: 1e12, usableBytes: 1e11, growth: { perDay, points: 100, spanMs: 7 * 24 * hour } })
    expect(rules(input({ logDirs: [dir(1e10)] }))).toEqual([['logdir-fill-forecast', 'warning', '/data']])
    expect(rules(input({ logDirs: [dir(5e10)] }))).toEqual([['logdir-fill-forecast', 'critical', '/data']])
    expect(rules(input({ logDirs: [dir(5e9)] }))).toEqual([])
    expect(rules(input({ logDirs: [dir(null)] }))).toEqual([])
    expect(rules(input({ logDirs: [dir(-1e10)] }))).toEqual([])
    // Half an hour of samples does not make a fill date.
    const young = { ...dir(5e10), growth: { perDay: 5e10, points: 6, spanMs: hour / 2 } }
    expect(rules(input({ logDirs: [young] }))).toEqual([])
  })

  it('retention too small: retention.ms under a minute is critical, retention.bytes under one segment warns', () => {
    const read = (name: string) => ({ group: 'g', topic: name, state: 'Stable', lag: 0, maxLagMs: 0, deletedUnread: 0 })
    const one = topic('one', { retentionMs: 1, oldestTimestamp: null })
    const minute = topic('minute', { retentionMs: 60_000, oldestTimestamp: null })
    const tinyCap = topic('tiny-cap', { retentionBytes: 10 * 2 ** 20, segmentBytes: 2 ** 30, oldestTimestamp: null })
    const compacted = topic('compacted', { retentionMs: 1, cleanupPolicy: 'compact', oldestTimestamp: null })
    const findings = evaluateRules(input({ topics: [one, minute, tinyCap, compacted], groups: ['one', 'minute', 'tiny-cap', 'compacted'].map(read) }))
    expect(findings.map((f) => [f.rule, f.severity, f.topic])).toEqual([['retention-too-small', 'critical', 'one'], ['retention-too-small', 'warning', 'tiny-cap']])
    expect(findings[0]?.message).toContain('retention.ms=1 (1 ms)')
    // One unit in one sentence: 10 MiB against 1 GiB reads as 0.00977 GiB against 1.0 GiB.
    expect(findings[1]?.message).toContain('retention.bytes=0.00977 GiB per partition, less than one segment (segment.bytes=1.0 GiB)')
  })
})
