// The one parser for instants ("RFC 3339 or epoch milliseconds") and durations every route and
// service uses, so every route accepts the same inputs and refuses the same ones with 400.
import { invalidInput } from '../errors.ts'

/** The largest instant a JavaScript Date can hold (±8.64e15 ms); anything beyond is a typo, not a time. */
export const maxInstantMs = 8_640_000_000_000_000

const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:\d{2})$/

/**
 * RFC 3339 (`2026-11-29T18:00:00Z`, offset required) or non-negative epoch milliseconds, as a
 * string or a number. Negative or out-of-range values are refused rather than read as Kafka's
 * special offsets (-1 latest, -2 earliest): a typo must not silently mean "from the start".
 */
export function parseInstantMs(value: string | number, what = 'time'): number {
  const refuse = () => invalidInput(`${what}: '${String(value)}' is not an RFC 3339 time (with a time zone) or epoch milliseconds.`)
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0 || value > maxInstantMs) throw refuse()
    return value
  }
  const text = value.trim()
  if (/^\d{1,16}$/.test(text)) {
    const ms = Number(text)
    if (ms > maxInstantMs) throw refuse()
    return ms
  }
  if (!rfc3339.test(text)) throw refuse()
  const ms = Date.parse(text.replace(' ', 'T'))
  if (!Number.isFinite(ms) || ms < 0) throw refuse()
  return ms
}

/** The longest duration accepted: 100 years, beyond any retention a broker keeps. */
export const maxDurationMs = 100 * 365 * 24 * 3_600_000

/** ISO-8601 durations as kafka-consumer-groups.sh takes them (PnDTnHnMnS), or plain milliseconds. */
export function parseDurationMs(value: string | number, what = 'duration'): number {
  const refuse = () => invalidInput(`${what}: '${String(value)}' is not a duration (use ISO-8601 like PT1H or P1DT12H, or milliseconds).`)
  let ms: number
  if (typeof value === 'number' || /^\d{1,16}$/.test(value.trim())) {
    ms = Number(value)
  } else {
    const text = value.trim().toUpperCase()
    const match = /^P(?:(\d{1,6})D)?(?:T(?:(\d{1,8})H)?(?:(\d{1,10})M)?(?:(\d{1,12}(?:\.\d{1,3})?)S)?)?$/.exec(text)
    if (!match || text === 'P' || text.endsWith('T')) throw refuse()
    const [, d, h, m, s] = match
    ms = ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0)) * 60_000 + Math.round(Number(s ?? 0) * 1000)
  }
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > maxDurationMs) throw refuse()
  return ms
}
