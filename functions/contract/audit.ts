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
}

/** GET /api/clusters/{c}/audit?target=&limit= */
export interface AuditPage {
  items: AuditRecord[]
}
