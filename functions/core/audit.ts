// Audit records: who changed what, before → after. Kept in VictoriaLogs, in a stream of their own.
import type { Principal } from './auth/roles.ts'
import { exactFilter, streamFilter, type VictoriaLogsClient } from './victorialogs/index.ts'

export interface AuditEntry {
  cluster: string
  actor: Pick<Principal, 'name' | 'role'>
  action: string
  target: string
  before?: unknown
  after?: unknown
}

export const auditStream = 'audit'

export async function recordAudit(logs: VictoriaLogsClient, entry: AuditEntry, now = new Date()): Promise<void> {
  await logs.insert([{
    _time: now.toISOString(),
    _msg: `${entry.actor.name} ${entry.action} ${entry.target}`,
    kind: auditStream,
    cluster: entry.cluster,
    actor: entry.actor.name,
    role: entry.actor.role,
    action: entry.action,
    target: entry.target,
    before: entry.before === undefined ? '' : JSON.stringify(entry.before),
    after: entry.after === undefined ? '' : JSON.stringify(entry.after),
  }], { streamFields: ['kind', 'cluster'] })
}

export interface AuditRecord {
  time: string
  actor: string
  role: string
  action: string
  target: string
  before: unknown
  after: unknown
}

const parseJsonField = (value: unknown) => {
  if (typeof value !== 'string' || value === '') return null
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}

export async function readAudit(logs: VictoriaLogsClient, cluster: string, options: { target?: string; limit: number }): Promise<AuditRecord[]> {
  const filters = [streamFilter({ kind: auditStream, cluster })]
  if (options.target) filters.push(exactFilter('target', options.target))
  const query = `${filters.join(' ')} | sort by (_time desc) | limit ${options.limit}`
  const records: AuditRecord[] = []
  for await (const row of logs.queryRows(query, { start: '0' })) {
    records.push({
      time: String(row._time), actor: String(row.actor ?? ''), role: String(row.role ?? ''), action: String(row.action ?? ''),
      target: String(row.target ?? ''), before: parseJsonField(row.before), after: parseJsonField(row.after),
    })
  }
  return records
}
