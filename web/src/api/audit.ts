import { request, seg } from './http';
import type { AuditPage, AuditRecord } from './contract';

export type { AuditPage, AuditRecord };

export function listAudit(
  cluster: string,
  query: { target?: string; limit?: number },
  signal?: AbortSignal,
): Promise<AuditPage> {
  return request<AuditPage>(`/api/clusters/${seg(cluster)}/audit`, { query, signal });
}
