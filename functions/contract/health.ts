// GET /api/health (functions/api/routes/health.ts): 200 when everything answers, 503 otherwise,
// with the same body either way.

export type ComponentStatus = 'ok' | 'error'

export interface Health {
  status: 'ok' | 'degraded'
  /** Per configured cluster id. */
  kafka: Record<string, ComponentStatus>
  victorialogs: ComponentStatus
  /** Per cluster that has a schema registry configured. */
  schemaRegistry?: Record<string, ComponentStatus>
}
