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

/** Kafka offsets (and shifts of them) are signed 64-bit integers: nothing beyond can exist. */
export const maxInt64 = 2n ** 63n - 1n

/** A whole number within [min, max] as a bigint, from digits or a safe integer; 400 otherwise. */
export function parseInt64(value: string | number | undefined, what: string, min: bigint, max = maxInt64): bigint {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value
  if (typeof text !== 'string' || !/^-?\d{1,19}$/.test(text.trim()) || BigInt(text.trim()) < min || BigInt(text.trim()) > max) {
    throw invalidInput(`${what}: needs a whole number from ${min} to ${max}, got '${String(value ?? '')}'.`)
  }
  return BigInt(text.trim())
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json()
  } catch {
    throw invalidInput('The request body must be valid JSON.')
  }
}
