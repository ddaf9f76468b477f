// The audit trail: who changed what, before → after (functions/core/audit.ts).

export interface AuditRecord {
  /** RFC 3339. */
  time: string
  actor: string
  role: string
  action: string
  target: string
  /** JSON values; null when there was no "before" (a create) or no "after" (a delete). */
  before: unknown
  after: unknown
  /** succeeded, failed, refused; pending: requested with no outcome recorded (in progress, or its process died). */
  outcome: 'succeeded' | 'failed' | 'refused' | 'pending'
  /** The error code of a failed or refused attempt. */
  error: string | null
  /** What was asked for (the request body), where the route records it. */
  request: unknown
  attempt: string | null
  /** The worst of its records' integrity. */
  integrity: AuditIntegrity
  records: { time: string; outcome: string; writer: string; seq: number | null; integrity: AuditIntegrity }[]
}

/** ok; forged (no valid MAC: written by someone without the key, or altered); removed-before (the
 * writer's previous record is missing); duplicate (the same record stored more than once). */
export type AuditIntegrity = 'ok' | 'forged' | 'removed-before' | 'duplicate'

export interface AuditTrailIntegrity {
  /** ok: every record shown verified; flagged: at least one did not. */
  status: 'ok' | 'flagged'
  checked: number
  forged: number
  removedBefore: number
  duplicates: number
}

/** GET /api/clusters/{c}/audit?target=&limit= */
export interface AuditPage {
  items: AuditRecord[]
  integrity: AuditTrailIntegrity
}
