import { request, seg } from './http';

export interface AuditItem {
  time: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  /** JSON values; null when there was no "before" (a create) or no "after" (a delete). */
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditItem[];
}

export function listAudit(
  cluster: string,
  query: { target?: string; limit?: number },
  signal?: AbortSignal,
): Promise<AuditPage> {
  return request<AuditPage>(`/api/clusters/${seg(cluster)}/audit`, { query, signal });
}
