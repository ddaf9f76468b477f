import { ApiProblem, request } from './http';

export type Status = 'ok' | 'error' | 'degraded' | 'unknown';

export interface ComponentHealth {
  id: string;
  status: Status;
  detail?: string;
}

export interface Health {
  status: Status;
  kafka: ComponentHealth[];
  victorialogs: ComponentHealth;
}

// The contract fixes the field names but not whether each entry is a bare
// "ok"/"error" string or an object with a reason, so accept both shapes.
type RawEntry = string | { status?: string; error?: string; detail?: string; message?: string };
interface RawHealth {
  status?: string | number;
  // Present only when the body is actually a problem document.
  type?: string;
  title?: string;
  detail?: string;
  code?: string;
  kafka?: Record<string, RawEntry> | Array<RawEntry & { id?: string; cluster?: string }>;
  victorialogs?: RawEntry;
}

function asStatus(s: unknown): Status {
  return s === 'ok' || s === 'error' || s === 'degraded' ? s : 'unknown';
}

function entry(id: string, raw: RawEntry | undefined): ComponentHealth {
  if (typeof raw === 'string') return { id, status: asStatus(raw) };
  if (!raw) return { id, status: 'unknown' };
  const detail = raw.detail ?? raw.error ?? raw.message;
  return detail ? { id, status: asStatus(raw.status), detail } : { id, status: asStatus(raw.status) };
}

function normaliseHealth(raw: RawHealth): Health {
  let kafka: ComponentHealth[] = [];
  if (Array.isArray(raw.kafka)) {
    kafka = raw.kafka.map((e, i) => entry(typeof e === 'object' ? (e.id ?? e.cluster ?? `#${i}`) : `#${i}`, e));
  } else if (raw.kafka) {
    kafka = Object.entries(raw.kafka).map(([id, e]) => entry(id, e));
  }
  return { status: asStatus(raw.status), kafka, victorialogs: entry('victorialogs', raw.victorialogs) };
}

/** No auth needed. A degraded service may answer 503 with the same body, which is data, not failure. */
export async function getHealth(signal?: AbortSignal): Promise<Health> {
  const raw = await request<RawHealth>('/api/health', {
    signal,
    acceptStatus: [503],
    redirectOn401: false,
  });
  // A 503 that is a problem document (e.g. from a gateway) is a real failure.
  if (raw && raw.kafka === undefined && typeof raw.title === 'string') {
    throw new ApiProblem({
      type: raw.type ?? 'about:blank',
      title: raw.title,
      status: typeof raw.status === 'number' ? raw.status : 503,
      detail: raw.detail ?? '',
      code: raw.code ?? 'HTTP_503',
    });
  }
  return normaliseHealth(raw ?? {});
}
