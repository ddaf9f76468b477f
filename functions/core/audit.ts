// Audit records: who changed what, before → after. Kept in VictoriaLogs, in a stream of their own.
import type { Principal } from './auth/roles.ts'
import type { VictoriaLogsClient } from './logs/victorialogs.ts'

export interface AuditEntry {
  cluster: string
  actor: Principal
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
