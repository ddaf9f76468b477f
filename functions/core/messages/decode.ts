// Keys, values and headers as a person can read them: JSON, UTF-8 text, or base64 for binary,
// detected per record; values over the cap are cut, with their real size kept.
import type { RawRecord } from '../kafka/index.ts'
import type { Encoding, MessageItem } from '../../contract/messages.ts'
export type { Encoding, MessageItem }

export interface DecodedPayload {
  value: string | null
  encoding: Encoding
  size: number
  truncated: boolean
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const lenientUtf8 = new TextDecoder('utf-8')
// JSON.parse of very large values costs more than it tells; beyond this, shape decides.
const parseLimit = 1024 * 1024

function isMostlyText(text: string): boolean {
  let control = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0) return false
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) control++
  }
  return control <= text.length * 0.02
}

function looksLikeJson(text: string, size: number): boolean {
  const trimmed = text.trim()
  const first = trimmed[0]
  const last = trimmed[trimmed.length - 1]
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return false
  if (size > parseLimit) return true
  try {
    JSON.parse(trimmed)
    return true
  } catch {
    return false
  }
}

export function decodePayload(buffer: Buffer | null, cap: number): DecodedPayload {
  if (buffer === null) return { value: null, encoding: 'null', size: 0, truncated: false }
  const size = buffer.length
  const truncated = size > cap
  let text: string | undefined
  try {
    text = strictUtf8.decode(buffer)
  } catch {
    text = undefined
  }
  if (text !== undefined && isMostlyText(text)) {
    const encoding: Encoding = looksLikeJson(text, size) ? 'json' : 'text'
    // Cutting at a byte cap can split a character: the lenient decoder marks it, then it is dropped.
    const value = truncated ? lenientUtf8.decode(buffer.subarray(0, cap)).replace(/\uFFFD$/, '') : text
    return { value, encoding, size, truncated }
  }
  return { value: buffer.subarray(0, cap).toString('base64'), encoding: 'base64', size, truncated }
}

export function toMessageItem(record: RawRecord, valueCap: number): MessageItem {
  const key = decodePayload(record.key, Math.min(valueCap, 4096))
  const value = decodePayload(record.value, valueCap)
  return {
    partition: record.partition,
    offset: record.offset,
    timestamp: new Date(record.timestamp).toISOString(),
    key: key.value,
    keyEncoding: key.encoding,
    keySize: key.size,
    value: value.value,
    valueEncoding: value.encoding,
    size: value.size,
    truncated: value.truncated,
    headers: record.headers.map(([k, v]) => {
      const decoded = decodePayload(v, 4096)
      return { key: k ? lenientUtf8.decode(k) : '', value: decoded.value, encoding: decoded.encoding }
    }),
  }
}
