// Building LogsQL from values: every value goes in quoted, so user input (a topic, a target, a
// cluster id) can never change the shape of a query.

/** A LogsQL string literal: quoted, with JSON escapes (which LogsQL's quoted strings accept). */
export const logsqlString = (value: string) => JSON.stringify(value)

/**
 * A value of a stream filter: one value (`=`), any of several (`in (…)`), or a regular expression
 * the whole value must match (`=~`, RE2, quoted like any value); undefined is left out.
 */
export type StreamFilterValue = string | readonly string[] | { regex: string } | undefined

/**
 * A stream filter, `{kind="storage",cluster="local",topic in ("a","b")}`, in the order given.
 * Field names are ours (never user input); values are quoted.
 */
export function streamFilter(fields: Readonly<Record<string, StreamFilterValue>>): string {
  const parts = Object.entries(fields).flatMap(([name, value]) => {
    if (value === undefined) return []
    if (typeof value === 'string') return [`${name}=${logsqlString(value)}`]
    if ('regex' in value) return [`${name}=~${logsqlString(value.regex)}`]
    return [`${name} in (${value.map(logsqlString).join(',')})`]
  })
  return `{${parts.join(',')}}`
}

/** An exact-match field filter, `name:="value"`. */
export const exactFilter = (name: string, value: string) => `${name}:=${logsqlString(value)}`
