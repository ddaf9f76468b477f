// The single fetch wrapper every data module goes through. It turns every
// failure (problem+json, a non-JSON error page from a proxy, a network error)
// into an ApiProblem so pages have exactly one error shape to render.
import type { ErrorCode, Problem } from './contract';

/** Codes of failures the server's problem mapper never saw: the browser names them itself. */
export type ClientCode =
  | 'NETWORK_ERROR'
  | 'CLIENT_ERROR'
  | 'TAIL_FAILED'
  | 'TAIL_RECONNECTING'
  | 'TAIL_BAD_EVENT'
  | 'TAIL_ERROR'
  /** A failed answer that is not a problem document (a proxy's page). */
  | `HTTP_${number}`;

/** The server's closed list of codes plus the browser's own: switching on any other does not compile. */
export type ProblemCode = ErrorCode | ClientCode;

export interface ProblemBody extends Pick<Problem, 'type' | 'title' | 'status' | 'detail'> {
  code: ProblemCode;
}

export class ApiProblem extends Error implements ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ProblemCode;

  constructor(p: ProblemBody) {
    super(p.detail ? `${p.title}: ${p.detail}` : p.title);
    this.name = 'ApiProblem';
    this.type = p.type;
    this.title = p.title;
    this.status = p.status;
    this.detail = p.detail;
    this.code = p.code;
  }
}

/** Normalises anything thrown into a problem, for display. */
export function toProblem(err: unknown): ApiProblem {
  if (err instanceof ApiProblem) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new ApiProblem({ type: 'about:blank', title: 'Unexpected error', status: 0, detail, code: 'CLIENT_ERROR' });
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

// 401 handling lives in the app root (it needs the router); this module only
// knows that someone wants to hear about it.
let onUnauthorized: (() => void) | undefined;
export function setUnauthorizedHandler(fn: (() => void) | undefined): void {
  onUnauthorized = fn;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Statuses (besides 2xx) whose JSON body is a normal answer, e.g. 503 from /api/health. */
  acceptStatus?: number[];
  /** The login form must see its own 401 instead of being bounced to /login. */
  redirectOn401?: boolean;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Path segment encoder, so topic and group names with odd characters stay one segment. */
export const seg = (s: string): string => encodeURIComponent(s);

/** Sends a request and returns the successful Response; every failure becomes an ApiProblem. */
async function send(path: string, opts: RequestOptions, accept: string): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: accept };
  let body: string | undefined;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiProblem({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: `${method} ${path} could not reach the server (${err instanceof Error ? err.message : String(err)}).`,
      code: 'NETWORK_ERROR',
    });
  }

  if (res.ok || opts.acceptStatus?.includes(res.status)) return res;

  const problem = await readProblem(res, method, path);
  if (problem.status === 401 && opts.redirectOn401 !== false) onUnauthorized?.();
  throw problem;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts, 'application/json, application/problem+json');
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** For streamed answers (exports): same error handling, the Response returned unread. */
export function requestStream(path: string, opts: RequestOptions & { accept: string }): Promise<Response> {
  return send(path, opts, `${opts.accept}, application/problem+json`);
}

/** For non-JSON answers (CSV exports): same error handling, body returned as a Blob. */
export async function requestBlob(path: string, opts: RequestOptions & { accept: string }): Promise<Blob> {
  const res = await send(path, opts, `${opts.accept}, application/problem+json`);
  return res.blob();
}

async function readProblem(res: Response, method: string, path: string): Promise<ApiProblem> {
  const fallbackTitle = res.statusText || `HTTP ${res.status}`;
  let raw: Partial<Problem> | undefined;
  try {
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (parsed && typeof parsed === 'object') raw = parsed as Partial<Problem>;
  } catch {
    // Not JSON (e.g. a gateway's HTML page): fall through to a synthetic problem.
  }
  return new ApiProblem({
    type: typeof raw?.type === 'string' ? raw.type : 'about:blank',
    title: typeof raw?.title === 'string' ? raw.title : fallbackTitle,
    status: typeof raw?.status === 'number' ? raw.status : res.status,
    detail: typeof raw?.detail === 'string' ? raw.detail : `${method} ${path} failed with HTTP ${res.status}.`,
    code: typeof raw?.code === 'string' ? raw.code : `HTTP_${res.status}`,
  });
}
