// The problem+json document every failed call answers with (built by functions/api/problem.ts).
import type { ErrorCode, ProblemExtras } from '../core/errors.ts'

export type { ErrorCode, ProblemExtras }

export interface Problem extends ProblemExtras {
  type: string
  title: string
  status: number
  detail: string
  code: ErrorCode
  retryable: boolean
  /** 5xx only: the id the server log files the full error under (also named in `detail`). */
  errorId?: string
}
