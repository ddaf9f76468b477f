import { ApiProblem, type ProblemCode } from '../api/http';

/** A problem found in the browser, shaped like the server's so it lands in the same ErrorBox. */
export function clientProblem(title: string, detail: string, code: ProblemCode, status = 0): ApiProblem {
  return new ApiProblem({ type: 'about:blank', title, status, detail, code });
}

/** Client-side input checks speak the server's INVALID_INPUT, so they read the same as its refusals. */
export function invalid(detail: string): ApiProblem {
  return clientProblem('Invalid input', detail, 'INVALID_INPUT');
}
