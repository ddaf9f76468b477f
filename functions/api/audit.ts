// Every change leaves an audit record. If VictoriaLogs cannot take it, the record goes to the
// process log instead (CloudWatch on Lambda), so the change is never silently unaudited.
import type { Context } from 'hono'
import { recordAudit } from '../core/audit.ts'
import type { AppEnv } from './deps.ts'

export async function audit(c: Context<AppEnv>, cluster: string, action: string, target: string, change: { before?: unknown; after?: unknown }): Promise<void> {
  const entry = { cluster, actor: c.var.principal, action, target, ...change }
  try {
    await recordAudit(c.var.deps.logs, entry)
  } catch (error: unknown) {
    // The cause carries what the problem leaves out (VictoriaLogs' address and answer): server log only.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined
    console.error(JSON.stringify({ msg: 'audit record could not be stored in VictoriaLogs', audit: entry, error: error instanceof Error ? error.message : String(error), cause }))
  }
}
