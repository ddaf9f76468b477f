import { ApiProblem, request } from './http';
import type { ComponentStatus, Health, Problem } from './contract';

export type { ComponentStatus, Health };

/** What a badge can show: a component's status, or the service's overall one. */
export type Status = ComponentStatus | Health['status'];

/** No auth needed. A degraded service answers 503 with the same body, which is data, not failure. */
export async function getHealth(signal?: AbortSignal): Promise<Health> {
  const body = await request<Health | Problem>('/api/health', {
    signal,
    acceptStatus: [503],
    redirectOn401: false,
  });
  // A 503 that is a problem document (a gateway's, say) is a real failure.
  if (!body || !('kafka' in body)) {
    throw new ApiProblem({
      type: body?.type ?? 'about:blank',
      title: body?.title ?? 'Service unavailable',
      status: body?.status ?? 503,
      detail: body?.detail ?? 'GET /api/health answered 503 without a health report.',
      code: body?.code ?? 'HTTP_503',
    });
  }
  return body;
}
