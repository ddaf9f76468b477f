// Resume tokens: the next offset of every tailed partition, carried as the SSE event id, so a
// reconnect with Last-Event-ID continues without gaps or duplicates.
import { invalidInput } from '../errors.ts'

export type Positions = Map<number, bigint>

/** Offsets are signed 64-bit on the wire; a larger one cannot come from this server. */
const maxOffset = 2n ** 63n - 1n

export function encodeResumeToken(topic: string, positions: Positions): string {
  const p = [...positions].sort((a, b) => a[0] - b[0]).map(([partition, offset]) => [partition, offset.toString()])
  return Buffer.from(JSON.stringify({ t: topic, p })).toString('base64url')
}

export function decodeResumeToken(token: string, topic: string): Positions {
  let data: unknown
  try {
    data = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    throw invalidInput('Last-Event-ID is not a resume token from this server.')
  }
  const { t, p } = (data ?? {}) as { t?: unknown; p?: unknown }
  if (t !== topic || !Array.isArray(p)) throw invalidInput(`Last-Event-ID belongs to another topic than '${topic}'.`)
  const positions: Positions = new Map()
  for (const entry of p) {
    if (!Array.isArray(entry) || !Number.isInteger(entry[0]) || typeof entry[1] !== 'string' || !/^\d{1,19}$/.test(entry[1]) || BigInt(entry[1]) > maxOffset) {
      throw invalidInput('Last-Event-ID is malformed.')
    }
    positions.set(entry[0] as number, BigInt(entry[1]))
  }
  return positions
}
