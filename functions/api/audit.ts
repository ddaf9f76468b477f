// Every change is audited, and an unaudited change cannot happen: a change route runs under
// audited(action), stores a `requested` record before it changes anything (if VictoriaLogs cannot
// take it, 503 AUDIT_UNAVAILABLE and nothing changes), then its outcome. Refused attempts (a role
// too low, a confirmation missing) and failures after the request are recorded too.
//
//   .delete('/clusters/:cluster/topics/:topic', audited('topic.delete'), requireRole('admin'), async (c) => {
//     …validate…
//     await auditRequest(c)                   // before the change
//     const before = await deleteTopic(…)
//     await audit(c, { before })              // the outcome
//
// audited() goes before requireRole() so that a 403 is recorded as well.
import type { Context, MiddlewareHandler } from 'hono'
import { newAttemptId, recordAudit, auditUnavailable, type AuditEntry } from '../core/audit.ts'
import { AppError, internalError } from '../core/errors.ts'
import type { AppEnv } from './deps.ts'

/** Error codes that mean "refused": recorded even though nothing was requested yet. */
const refusals = new Set(['FORBIDDEN', 'CONFIRMATION_REQUIRED'])

export class ChangeAttempt {
  readonly #c: Context<AppEnv>
  readonly #action: string
  readonly #id = newAttemptId()
  #target: string
  #requested = false
  #ended = false

  constructor(c: Context<AppEnv>, action: string) {
    this.#c = c
    this.#action = action
    this.#target = c.req.param('topic') ?? c.req.param('group') ?? ''
  }

  /** A configured cluster only: a made-up id in the path must not open audit streams. */
  #cluster(): string | undefined {
    const id = this.#c.req.param('cluster')
    return this.#c.var.deps.config.clusters.some((cluster) => cluster.id === id) ? id : undefined
  }

  #entry(cluster: string, fields: Pick<AuditEntry, 'outcome'> & Partial<AuditEntry>): AuditEntry {
    return { cluster, actor: this.#c.var.principal, action: this.#action, target: this.#target, attempt: this.#id, ...fields }
  }

  async #store(entry: AuditEntry): Promise<void> {
    const { deps } = this.#c.var
    await recordAudit(deps.logs, deps.auditChain, entry)
  }

  /** After an outcome that cannot be refused any more, a record that could not be stored goes to the server log. */
  async #storeOrLog(entry: AuditEntry): Promise<void> {
    try {
      await this.#store(entry)
    } catch (error: unknown) {
      // The cause carries what the problem leaves out (VictoriaLogs' address and answer): server log only.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined
      console.error(JSON.stringify({ msg: 'audit record could not be stored in VictoriaLogs', audit: entry, error: error instanceof Error ? error.message : String(error), cause }))
    }
  }

  /** Before the change: stored, or the change is refused (503 AUDIT_UNAVAILABLE). */
  async request(target: string | undefined, request: unknown): Promise<void> {
    if (target !== undefined) this.#target = target
    const cluster = this.#cluster()
    if (!cluster) return
    try {
      await this.#store(this.#entry(cluster, { outcome: 'requested', request }))
    } catch (error: unknown) {
      this.#ended = true
      throw auditUnavailable(error)
    }
    this.#requested = true
  }

  async succeeded(change: { before?: unknown; after?: unknown }): Promise<void> {
    const cluster = this.#cluster()
    if (!cluster || this.#ended) return
    if (!this.#requested) throw internalError(new Error(`${this.#action}: the change was made without auditRequest() first`))
    this.#ended = true
    await this.#storeOrLog(this.#entry(cluster, { outcome: 'succeeded', ...change }))
  }

  /** The route ended with `error`: a failure after the request, or a refusal, is recorded. */
  async failed(error: unknown): Promise<void> {
    const cluster = this.#cluster()
    if (!cluster || this.#ended) return
    this.#ended = true
    const code = error instanceof AppError ? error.code : 'INTERNAL'
    if (this.#requested) await this.#storeOrLog(this.#entry(cluster, { outcome: 'failed', error: code }))
    else if (refusals.has(code)) await this.#storeOrLog(this.#entry(cluster, { outcome: 'refused', error: code }))
  }
}

/** Wraps a change route: the attempt it records, and its failure or refusal when it ends in an error. */
export const audited = (action: string): MiddlewareHandler<AppEnv> => async (c, next) => {
  const attempt = new ChangeAttempt(c, action)
  c.set('audit', attempt)
  try {
    await next()
  } catch (error: unknown) {
    await attempt.failed(error)
    throw error
  }
  // The app's error handler turns a thrown error into the response before it gets here.
  if (c.error) await attempt.failed(c.error)
}

function attemptOf(c: Context<AppEnv>): ChangeAttempt {
  const attempt = c.get('audit') as ChangeAttempt | undefined
  if (!attempt) throw internalError(new Error(`${c.req.method} ${c.req.routePath} changes something but is not wrapped in audited()`))
  return attempt
}

/** Before the change. `target` when the path does not name it (a topic created by name in the body). */
export async function auditRequest(c: Context<AppEnv>, details: { target?: string; request?: unknown } = {}): Promise<void> {
  await attemptOf(c).request(details.target, details.request)
}

/** After the change: its outcome, before → after. */
export async function audit(c: Context<AppEnv>, change: { before?: unknown; after?: unknown }): Promise<void> {
  await attemptOf(c).succeeded(change)
}

/**
 * A second change the same request made on its own (e.g. the indexer's event source mapping after
 * the plan changed): its own complete record, after the fact; one that cannot be stored is logged.
 */
export async function auditFollowUp(c: Context<AppEnv>, cluster: string, action: string, target: string, change: { before?: unknown; after?: unknown }): Promise<void> {
  const { deps, principal } = c.var
  const entry: AuditEntry = { cluster, actor: principal, action, target, attempt: newAttemptId(), outcome: 'succeeded', ...change }
  try {
    await recordAudit(deps.logs, deps.auditChain, entry)
  } catch (error: unknown) {
    console.error(JSON.stringify({ msg: 'audit record could not be stored in VictoriaLogs', audit: entry, error: error instanceof Error ? error.message : String(error) }))
  }
}
