// The retention audit: runs the rules on the latest sample and its history, stores the report
// with the samples (VictoriaLogs), reads the latest one back, and exports it as CSV.
import { randomUUID } from 'node:crypto'
import { exactFilter, type VictoriaLogsClient } from '../victorialogs/index.ts'
import { compareFindings, defaultAuditOptions, evaluateRules, infiniteRetentionTopics, type AuditOptions, type Finding, type GroupLagRow, type LogDirState } from './audit-rules.ts'
import { growth, type Growth, type Point } from './forecast.ts'
import { logDirGrowth } from './history.ts'
import { rankedTopic, sampleHeader } from './ranking.ts'
import { storageStream, storageStreamFields } from './sample.ts'
import { jsonField, latestSample, num, sampleRecords, series, str, streamFilter } from './store.ts'
import type { AuditReport } from '../../contract/storage.ts'
export type { AuditReport }

const summarize = (findings: Finding[]) => ({
  critical: findings.filter((f) => f.severity === 'critical').length,
  warning: findings.filter((f) => f.severity === 'warning').length,
  info: findings.filter((f) => f.severity === 'info').length,
})

async function topicGrowth(logs: VictoriaLogsClient, cluster: string, topics: string[], start: Date, end: Date, minSpanMs: number): Promise<Map<string, Growth>> {
  const result = new Map<string, Growth>()
  for (let i = 0; i < topics.length; i += 200) {
    const { rows } = await series(logs, cluster, 'topic', 'complete:=true', ['bytes'], start, end, ['topic'], topics.slice(i, i + 200))
    const byTopic = new Map<string, Point[]>()
    for (const row of rows) {
      const bytes = row.values.bytes
      if (bytes === null || bytes === undefined) continue
      const points = byTopic.get(row.group.topic ?? '') ?? []
      if (points.length === 0) byTopic.set(row.group.topic ?? '', points)
      points.push({ t: row.t, v: bytes })
    }
    for (const [topic, points] of byTopic) result.set(topic, growth(points, minSpanMs))
  }
  return result
}

export async function runAudit(logs: VictoriaLogsClient, cluster: string, overrides: Partial<AuditOptions> = {}, now = new Date()): Promise<AuditReport> {
  const options = { ...defaultAuditOptions, ...overrides }
  const sample = await latestSample(logs, cluster, now)
  const header = sampleHeader(sample)
  const base = { id: randomUUID(), cluster, generatedAt: now.toISOString(), sampledAt: header.sampledAt, sampleId: header.sampleId, partial: header.partial, sizesAvailable: header.sizes.available, options }
  if (!sample) return { ...base, findings: [], summary: summarize([]) }
  const sampledAt = new Date(sample.sampledAt)
  const window = { start: new Date(sampledAt.getTime() - options.windowMs), end: new Date(sampledAt.getTime() + 1_000) }
  const [topicRows, groupRows, dirRows, dirHistory] = await Promise.all([
    sampleRecords(logs, cluster, sample, 'topic'),
    sampleRecords(logs, cluster, sample, 'grouplag'),
    sampleRecords(logs, cluster, sample, 'logdir'),
    logDirGrowth(logs, cluster, window, undefined, options.minSpanMs),
  ])
  const topics = topicRows.map((row) => rankedTopic(row, header.sizes.available))
  const groups: GroupLagRow[] = groupRows.map((g) => ({
    group: str(g.group), topic: str(g.topic), state: str(g.state), lag: num(g.lag) ?? 0, maxLagMs: num(g.maxLagMs), oldestUnreadAgeMs: num(g.oldestUnreadAgeMs), deletedUnread: num(g.deletedUnread) ?? 0,
  }))
  const logDirs: LogDirState[] = dirRows.map((d) => {
    const broker = num(d.broker) ?? -1
    const path = str(d.logDir)
    const h = dirHistory.dirs.find((x) => x.broker === broker && x.path === path)
    return {
      broker, path, bytes: num(d.bytes), totalBytes: num(d.totalBytes), usableBytes: num(d.usableBytes),
      growth: h ? { perDay: h.growth.bytesPerDay, points: h.growth.points, spanMs: h.growth.spanMs } : { perDay: null, points: 0, spanMs: 0 },
    }
  })
  const findings = evaluateRules({
    sampledAt: sampledAt.getTime(), sizesAvailable: header.sizes.available, groupsKnown: sample.groupsKnown, topics, groups, logDirs,
    topicGrowth: await topicGrowth(logs, cluster, infiniteRetentionTopics(topics), window.start, window.end, options.minSpanMs),
  }, options)
  return { ...base, findings, summary: summarize(findings) }
}

export async function storeAudit(logs: VictoriaLogsClient, report: AuditReport): Promise<void> {
  const base = { _time: report.generatedAt, kind: storageStream, cluster: report.cluster, auditId: report.id }
  const documents = [
    ...report.findings.map((f) => ({
      ...base, record: 'finding', _msg: f.message, rule: f.rule, severity: f.severity, topic: f.topic ?? '', group: f.group ?? '',
      broker: f.broker ?? '', logDir: f.logDir ?? '', message: f.message, evidence: JSON.stringify(f.evidence), suggestion: f.suggestion ?? '',
    })),
    {
      ...base, record: 'audit', _msg: `audit: ${report.findings.length} findings`, sampledAt: report.sampledAt ?? '', sampleId: report.sampleId ?? '',
      partial: report.partial, sizesAvailable: report.sizesAvailable, options: JSON.stringify(report.options), findings: report.findings.length, ...report.summary,
    },
  ]
  await logs.insert(documents, { streamFields: storageStreamFields })
}

/** The newest stored report, or null when the cluster has never been audited. */
export async function latestAudit(logs: VictoriaLogsClient, cluster: string): Promise<AuditReport | null> {
  let head: Record<string, unknown> | undefined
  for await (const row of logs.queryRows(`${streamFilter(cluster, 'audit')} | sort by (_time desc) | limit 1`, { start: '0', timeout: '20s' })) head = row
  if (!head) return null
  const id = str(head.auditId)
  const at = new Date(str(head._time)).getTime()
  const findings: Finding[] = []
  const query = `${streamFilter(cluster, 'finding')} ${exactFilter('auditId', id)}`
  for await (const f of logs.queryRows(query, { start: new Date(at - 1_000).toISOString(), end: new Date(at + 1_000).toISOString(), timeout: '20s' })) {
    const evidence = jsonField<Finding['evidence']>(f.evidence, {})
    findings.push({
      rule: str(f.rule), severity: str(f.severity) as Finding['severity'], message: str(f.message), evidence,
      ...(str(f.topic) ? { topic: str(f.topic) } : {}), ...(str(f.group) ? { group: str(f.group) } : {}),
      ...(num(f.broker) !== null ? { broker: num(f.broker) as number } : {}), ...(str(f.logDir) ? { logDir: str(f.logDir) } : {}),
      ...(str(f.suggestion) ? { suggestion: str(f.suggestion) } : {}),
    })
  }
  findings.sort(compareFindings)
  const options = { ...defaultAuditOptions, ...jsonField<Partial<AuditOptions>>(head.options, {}) }
  return {
    id, cluster, generatedAt: new Date(at).toISOString(), sampledAt: str(head.sampledAt) || null, sampleId: str(head.sampleId) || null,
    partial: str(head.partial) === 'true', sizesAvailable: str(head.sizesAvailable) === 'true', options, findings, summary: summarize(findings),
  }
}

const csvCell = (value: unknown) => {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value)
  // Quote always; a leading = + - @ would be run as a formula by spreadsheets.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`
}

export function auditCsv(report: AuditReport): string {
  const header = ['generatedAt', 'severity', 'rule', 'topic', 'group', 'broker', 'logDir', 'message', 'evidence', 'suggestion']
  const lines = report.findings.map((f) => [report.generatedAt, f.severity, f.rule, f.topic, f.group, f.broker, f.logDir, f.message, f.evidence, f.suggestion].map(csvCell).join(','))
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`
}
