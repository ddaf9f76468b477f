// Retention audit rules: pure functions from what the latest sample and its history say to
// findings, each with a severity, the numbers behind it and a suggestion.
import { daysUntilFull, dayMs, type Growth } from './forecast.ts'
import { size, sizes } from './units.ts'
import type { RankedTopic } from './ranking.ts'
import type { Severity, Finding, AuditOptions } from '../../contract/storage.ts'
export type { Severity, Finding, AuditOptions }

export interface GroupLagRow {
  group: string
  topic: string
  state: string
  lag: number
  maxLagMs: number | null
  /** The oldest unread record's age at sample time (absent in samples taken before it was recorded). */
  oldestUnreadAgeMs?: number | null
  deletedUnread: number
}

export interface LogDirState {
  broker: number
  path: string
  bytes: number | null
  totalBytes: number | null
  usableBytes: number | null
  growth: Growth
}

export interface AuditInput {
  sampledAt: number
  sizesAvailable: boolean
  groupsKnown: boolean
  topics: RankedTopic[]
  groups: GroupLagRow[]
  /** Net growth (all replicas) of the topics the growth rules look at. */
  topicGrowth: Map<string, Growth>
  logDirs: LogDirState[]
}

// Growth is extrapolated only from a day of history and a dozen samples (as forecasts are; the
// deployment's values come from config.storage).
export const defaultAuditOptions: AuditOptions = {
  fillWithinDays: 14, lagShare: 0.8, largeTopicBytes: 1024 ** 3, windowMs: 7 * dayMs, minSpanMs: dayMs, minGrowthBytesPerDay: 1024 * 1024,
  minSamples: 12, minRetentionMs: 60_000,
}

export const ruleNames = [
  'infinite-retention-growing', 'retention-not-enforced', 'consumer-lag-retention', 'large-unread-topic', 'retention-bytes-over-disk', 'logdir-fill-forecast',
  'retention-too-small',
] as const

/** The defaults with the deployment's history need (config.storage). */
export const auditDefaults = (storage: { forecastMinSpanMs: number; forecastMinSamples: number }): AuditOptions =>
  ({ ...defaultAuditOptions, minSpanMs: storage.forecastMinSpanMs, minSamples: storage.forecastMinSamples })

const enoughSamples = (g: Growth, o: AuditOptions) => g.points >= (o.minSamples ?? 2)

const deletes = (t: RankedTopic) => t.cleanupPolicy === null || t.cleanupPolicy.split(',').map((p) => p.trim()).includes('delete')
const infinite = (t: RankedTopic) => t.retentionMs === -1 && (t.retentionBytes === null || t.retentionBytes < 0)

const duration = (ms: number) => (ms >= dayMs ? `${(ms / dayMs).toFixed(1)} d` : ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${ms} ms`)

/** Candidates for the growth rule: what the runner needs growth history for. */
export const infiniteRetentionTopics = (topics: RankedTopic[]) => topics.filter((t) => !t.internal && deletes(t) && infinite(t)).map((t) => t.topic)

function infiniteRetentionGrowing(input: AuditInput, o: AuditOptions): Finding[] {
  return input.topics.filter((t) => !t.internal && deletes(t) && infinite(t)).flatMap((t): Finding[] => {
    const g = input.topicGrowth.get(t.topic)
    if (!g || g.perDay === null || g.perDay < o.minGrowthBytesPerDay || !enoughSamples(g, o)) return []
    return [{
      rule: 'infinite-retention-growing', severity: 'warning', topic: t.topic,
      message: `${t.topic} keeps everything forever (retention.ms=-1, no retention.bytes) and grows by ${size(g.perDay)}/day.`,
      evidence: { bytes: t.bytes, growthBytesPerDay: Math.round(g.perDay), in30DaysBytes: t.bytes === null ? null : Math.round(t.bytes + g.perDay * 30), retentionMs: t.retentionMs, retentionBytes: t.retentionBytes, samples: g.points, spanMs: g.spanMs },
      suggestion: 'Set retention.ms to what the consumers need (see the TTL advice for this topic), or a retention.bytes cap per partition.',
    }]
  })
}

function retentionNotEnforced(input: AuditInput): Finding[] {
  return input.topics.filter((t) => deletes(t) && t.retentionMs !== null && t.retentionMs > 0 && t.oldestTimestamp !== null).flatMap((t): Finding[] => {
    const retention = t.retentionMs as number
    const age = input.sampledAt - new Date(t.oldestTimestamp as string).getTime()
    // Deletion runs every log.retention.check.interval.ms (5 min by default) plus file.delete.delay.ms.
    const margin = Math.max(10 * 60_000, retention * 0.1)
    if (age <= retention + margin) return []
    const segmentMs = t.segmentMs
    // Retention deletes a segment only once its newest record is past retention.ms; a segment that
    // keeps receiving records rolls only when its first record is segment.ms old (or it is full).
    const cause = segmentMs !== null && segmentMs > retention
      ? `its active segment keeps receiving records and rolls only when its first record is segment.ms=${duration(segmentMs)} old, longer than retention.ms=${duration(retention)}`
      : `the segment holding them still receives records and has not rolled (segment.bytes=${t.segmentBytes === null ? '?' : size(t.segmentBytes)}, segment.ms=${segmentMs === null ? '?' : duration(segmentMs)})`
    return [{
      rule: 'retention-not-enforced', severity: age > 2 * retention ? 'warning' : 'info', topic: t.topic,
      message: `${t.topic} holds records ${duration(age)} old, beyond retention.ms=${duration(retention)}: ${cause}.`,
      evidence: { oldestAgeMs: age, retentionMs: retention, excessMs: age - retention, segmentMs, segmentBytes: t.segmentBytes, oldestTimestamp: t.oldestTimestamp, bytes: t.bytes },
      suggestion: `Set segment.ms to at most half of retention.ms (${Math.max(60_000, Math.floor(retention / 2))}) so segments roll and become deletable on time.`,
    }]
  })
}

function consumerLagRetention(input: AuditInput, o: AuditOptions): Finding[] {
  const topics = new Map(input.topics.map((t) => [t.topic, t]))
  return input.groups.flatMap((g): Finding[] => {
    const t = topics.get(g.topic)
    if (!t || !deletes(t) || t.retentionMs === null || t.retentionMs <= 0) return []
    const lost = g.deletedUnread > 0
    // Retention deletes by age against now: a stopped group on a quiet topic is not "behind the
    // newest record" at all, yet its unread records age out. Older samples only have maxLagMs.
    const age = g.oldestUnreadAgeMs === undefined ? g.maxLagMs : g.oldestUnreadAgeMs
    if (!lost && (age === null || age < o.lagShare * t.retentionMs)) return []
    const share = age === null ? null : age / t.retentionMs
    const exceeded = lost || (share !== null && share >= 1)
    return [{
      rule: 'consumer-lag-retention', severity: exceeded ? 'critical' : 'warning', topic: g.topic, group: g.group,
      message: lost
        ? `Group ${g.group} lost ${g.deletedUnread} records of ${g.topic}: retention deleted them before they were read.`
        : `Group ${g.group}'s oldest unread record on ${g.topic} is ${duration(age as number)} old, ${Math.round((share as number) * 100)}% of retention.ms=${duration(t.retentionMs)}: ${exceeded ? 'unread records are being deleted' : 'unread records are about to be deleted'}.`,
      evidence: { oldestUnreadAgeMs: age, lagMs: g.maxLagMs, retentionMs: t.retentionMs, share: share === null ? null : Math.round(share * 1000) / 1000, lag: g.lag, deletedUnread: g.deletedUnread, state: g.state },
      suggestion: `Speed up or scale out ${g.group}, or raise retention.ms of ${g.topic} to at least ${Math.ceil(((age ?? t.retentionMs) * 2) / 3_600_000)} h (2 × the unread age).`,
    }]
  })
}

function largeUnreadTopic(input: AuditInput, o: AuditOptions): Finding[] {
  if (!input.groupsKnown || !input.sizesAvailable) return []
  const read = new Set(input.groups.map((g) => g.topic))
  return input.topics.filter((t) => !t.internal && t.bytes !== null && t.bytes >= o.largeTopicBytes && !read.has(t.topic)).map((t): Finding => ({
    rule: 'large-unread-topic', severity: (t.bytes as number) >= 10 * o.largeTopicBytes ? 'warning' : 'info', topic: t.topic,
    message: `${t.topic} takes ${size(t.bytes as number)} and no consumer group has committed offsets on it.`,
    evidence: { bytes: t.bytes, messages: t.messages, partitions: t.partitions, replicationFactor: t.replicationFactor, retentionMs: t.retentionMs, thresholdBytes: o.largeTopicBytes },
    suggestion: 'If nothing reads it, shorten its retention or delete it; if a reader exists outside consumer groups, ignore this.',
  }))
}

function retentionBytesOverDisk(input: AuditInput): Finding[] {
  if (!input.sizesAvailable) return []
  const capacity = new Map<number, number>()
  for (const d of input.logDirs) if (d.totalBytes !== null) capacity.set(d.broker, (capacity.get(d.broker) ?? 0) + d.totalBytes)
  return input.topics.filter((t) => deletes(t) && t.retentionBytes !== null && t.retentionBytes > 0).flatMap((t): Finding[] => {
    const brokers = Object.keys(t.brokers).map(Number)
    if (brokers.length === 0 || brokers.some((b) => !capacity.has(b))) return []
    const disk = brokers.reduce((s, b) => s + (capacity.get(b) as number), 0)
    const allowed = (t.retentionBytes as number) * t.partitions * Math.max(1, t.replicationFactor)
    if (allowed <= disk) return []
    const fits = Math.floor((0.7 * disk) / (t.partitions * Math.max(1, t.replicationFactor)))
    return [{
      rule: 'retention-bytes-over-disk', severity: 'critical', topic: t.topic,
      message: (([allowedText, capText, diskText]) => `${t.topic} may grow to ${allowedText} (retention.bytes ${capText} × ${t.partitions} partitions × ${t.replicationFactor} replicas), more than the ${diskText} of the disks it lives on.`)(sizes(allowed, t.retentionBytes as number, disk)),
      evidence: { retentionBytes: t.retentionBytes, partitions: t.partitions, replicationFactor: t.replicationFactor, allowedBytes: allowed, diskTotalBytes: disk, brokers: brokers.join(',') },
      suggestion: `Lower retention.bytes to at most ${fits} (70% of those disks over the topic's partitions and replicas), or rely on retention.ms.`,
    }]
  })
}

function logDirFillForecast(input: AuditInput, o: AuditOptions): Finding[] {
  return input.logDirs.flatMap((d): Finding[] => {
    const days = enoughSamples(d.growth, o) ? daysUntilFull(d.usableBytes, d.growth.perDay) : null
    if (days === null || days > o.fillWithinDays) return []
    return [{
      rule: 'logdir-fill-forecast', severity: days <= o.fillWithinDays / 4 ? 'critical' : 'warning', broker: d.broker, logDir: d.path,
      message: (([rate, free]) => `Log dir ${d.path} on broker ${d.broker} is forecast to be full in ${days.toFixed(1)} days (Kafka data grows ${rate}/day, ${free} free).`)(sizes(d.growth.perDay as number, d.usableBytes as number)),
      evidence: { daysUntilFull: Math.round(days * 10) / 10, usableBytes: d.usableBytes, totalBytes: d.totalBytes, bytes: d.bytes, growthBytesPerDay: Math.round(d.growth.perDay as number), samples: d.growth.points, spanMs: d.growth.spanMs, withinDays: o.fillWithinDays },
      suggestion: 'Add disk or brokers, move partitions elsewhere, or lower the retention of the biggest growing topics on this broker (see the ranking and TTL advice).',
    }]
  })
}

/**
 * Retention so small it deletes what it should keep: retention.ms=1 (or anything under a minute)
 * drops each segment as soon as it rolls, and a retention.bytes below segment.bytes keeps at most
 * the active segment, so readers find the partition emptied at every roll.
 */
function retentionTooSmall(input: AuditInput, o: AuditOptions): Finding[] {
  const minMs = o.minRetentionMs ?? 60_000
  return input.topics.filter((t) => deletes(t)).flatMap((t): Finding[] => {
    const findings: Finding[] = []
    if (t.retentionMs !== null && t.retentionMs >= 0 && t.retentionMs < minMs) {
      findings.push({
        rule: 'retention-too-small', severity: 'critical', topic: t.topic,
        message: `${t.topic} has retention.ms=${t.retentionMs} (${duration(t.retentionMs)}): records are deleted as soon as their segment rolls, before most consumers can read them.`,
        evidence: { retentionMs: t.retentionMs, thresholdMs: minMs, segmentMs: t.segmentMs, bytes: t.bytes, messages: t.messages },
        suggestion: `Set retention.ms to what the consumers need (see the TTL advice), at least ${duration(minMs)}; -1 keeps records forever.`,
      })
    }
    if (t.retentionBytes !== null && t.retentionBytes >= 0 && t.segmentBytes !== null && t.retentionBytes < t.segmentBytes) {
      const [cap, segment] = sizes(t.retentionBytes, t.segmentBytes)
      findings.push({
        rule: 'retention-too-small', severity: 'warning', topic: t.topic,
        message: `${t.topic} has retention.bytes=${cap} per partition, less than one segment (segment.bytes=${segment}): each partition keeps at most its active segment and is emptied whenever it rolls.`,
        evidence: { retentionBytes: t.retentionBytes, segmentBytes: t.segmentBytes, partitions: t.partitions },
        suggestion: `Raise retention.bytes to several segments (at least ${t.segmentBytes * 2}), or lower segment.bytes.`,
      })
    }
    return findings
  })
}

const severityRank: Record<Severity, number> = { critical: 0, warning: 1, info: 2 }

/** Worst first, then by rule and target: the order reports are shown and exported in. */
export const compareFindings = (a: Finding, b: Finding) =>
  severityRank[a.severity] - severityRank[b.severity] || a.rule.localeCompare(b.rule) || (a.topic ?? '').localeCompare(b.topic ?? '')
  || (a.group ?? '').localeCompare(b.group ?? '') || (a.broker ?? 0) - (b.broker ?? 0) || (a.logDir ?? '').localeCompare(b.logDir ?? '')

export function evaluateRules(input: AuditInput, options: AuditOptions = defaultAuditOptions): Finding[] {
  return [
    ...infiniteRetentionGrowing(input, options), ...retentionNotEnforced(input), ...consumerLagRetention(input, options),
    ...largeUnreadTopic(input, options), ...retentionBytesOverDisk(input), ...logDirFillForecast(input, options), ...retentionTooSmall(input, options),
  ].sort(compareFindings)
}
