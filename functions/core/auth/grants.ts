// Grants: a role, optionally limited to clusters and to topics, each named by glob patterns.
// `[{ role: 'operator', clusters: ['prod'], topics: ['orders.*'] }, { role: 'viewer' }]` is an
// operator on prod's orders.* topics and a viewer everywhere else. Tokens and single sign-on
// groups both carry grant lists; core/auth/access.ts is the one place that reads them.
import * as z from 'zod/mini'
import type { Grant } from '../../contract/session.ts'
import { roles } from './roles.ts'

export type { Grant }

// Patterns are made of the characters their names may hold plus `*`, so a pattern can never
// carry regular-expression or LogsQL syntax (it becomes a LogsQL stream filter in search scopes).
export const clusterPatternSchema = z.string().check(z.regex(/^[a-z0-9_*-]{1,63}$/, 'cluster patterns are lower-case letters, digits, -, _ and *'))
export const topicPatternSchema = z.string().check(z.regex(/^[A-Za-z0-9._*-]{1,249}$/, 'topic patterns are letters, digits, ., -, _ and *'))

export const grantSchema = z.strictObject({
  role: z.enum(roles),
  clusters: z.optional(z.array(clusterPatternSchema).check(z.minLength(1, 'leave clusters out for every cluster'), z.maxLength(100))),
  topics: z.optional(z.array(topicPatternSchema).check(z.minLength(1, 'leave topics out for every topic'), z.maxLength(100))),
})

export const grantListSchema = z.array(grantSchema).check(z.minLength(1, 'at least one grant is needed'), z.maxLength(100))

/** KMP failure table of `piece`: for each prefix, the length of its longest proper border. */
function borders(piece: string): Int32Array {
  const table = new Int32Array(piece.length)
  for (let i = 1, k = 0; i < piece.length; i++) {
    while (k > 0 && piece[i] !== piece[k]) k = table[k - 1] as number
    if (piece[i] === piece[k]) k++
    table[i] = k
  }
  return table
}

/** The first index ≥ from where `piece` occurs and ends by `end`, or -1 (Knuth-Morris-Pratt). */
function find(text: string, piece: string, from: number, end: number): number {
  if (piece.length === 0) return from
  const table = borders(piece)
  for (let i = from, k = 0; i < end; i++) {
    while (k > 0 && text[i] !== piece[k]) k = table[k - 1] as number
    if (text[i] === piece[k]) k++
    if (k === piece.length) return i - k + 1
  }
  return -1
}

/**
 * Whether `text` matches the glob `pattern`, where `*` stands for any run of characters (none
 * included) and everything else for itself. Linear time: the pieces between stars are placed
 * left to right, each at its first occurrence after the previous one (leftmost placement leaves
 * the most room for the rest, so no choice is ever revisited), scanning the text once.
 */
export function globMatches(pattern: string, text: string): boolean {
  const pieces = pattern.split('*')
  const first = pieces[0] as string
  if (pieces.length === 1) return pattern === text
  const last = pieces[pieces.length - 1] as string
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false
  let at = first.length
  const end = text.length - last.length
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] as string
    const found = find(text, piece, at, end)
    if (found < 0) return false
    at = found + piece.length
  }
  return true
}

/**
 * The same glob as an RE2 regular expression, anchored, for VictoriaLogs' stream filters (which
 * run Go's RE2). Patterns hold only name characters and `*` (grantSchema), of which `.` is the
 * only one with a meaning in a regex.
 */
export function globToRegex(pattern: string): string {
  return pattern.replaceAll('.', '\\.').replaceAll('*', '.*')
}

/** Any of the globs, as one anchored regex. */
export const globsToRegex = (patterns: readonly string[]) => `^(?:${patterns.map(globToRegex).join('|')})$`

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]))

/** The grants without exact repeats, in their first order. */
export function distinctGrants(grants: readonly Grant[]): Grant[] {
  const out: Grant[] = []
  for (const grant of grants) {
    if (!out.some((g) => g.role === grant.role && sameList(g.clusters, grant.clusters) && sameList(g.topics, grant.topics))) out.push(grant)
  }
  return out
}
