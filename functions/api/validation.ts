// zod at the edge: bad input becomes INVALID_INPUT with every issue listed.
import type * as z from 'zod/mini'
import '../core/zod.ts'
import { invalidInput } from '../core/errors.ts'

export function parseInput<T extends z.ZodMiniType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
  throw invalidInput(`Invalid ${what}: ${summary}`, issues)
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json()
  } catch {
    throw invalidInput('The request body must be valid JSON.')
  }
}
