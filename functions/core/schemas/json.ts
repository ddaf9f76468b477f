// Decoded values as JSON text: bytes as base64 (Avro bytes and fixed), 64-bit integers as JSON
// numbers when they fit exactly, as strings when they do not.
const minSafe = BigInt(Number.MIN_SAFE_INTEGER)
const maxSafe = BigInt(Number.MAX_SAFE_INTEGER)
const jsonBigInt = (value: bigint) => (value >= minSafe && value <= maxSafe ? Number(value) : value.toString())
const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // JSON.stringify calls a Buffer's toJSON before the replacer: the holder still has the original.
  const original = this[key]
  if (original instanceof Uint8Array) return base64(original)
  if (typeof value === 'bigint') return jsonBigInt(value)
  return value
}

/** Marks a value the fast path leaves to the replacer (class instances, whose toJSON decides). */
const unusual = Symbol('unusual')

/**
 * The value with bigints and bytes already in their JSON form, copying only the objects and
 * arrays that hold one: JSON.stringify then needs no replacer, which it would call for every key
 * of every record (most of the cost of a decoded tail).
 */
function jsonReady(value: unknown, depth: number): unknown {
  if (typeof value === 'bigint') return jsonBigInt(value)
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Uint8Array) return base64(value)
  if (depth > 100) return unusual
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      const ready = jsonReady(item, depth + 1)
      if (ready === unusual) return unusual
      if (ready !== item) (copy ??= [...value])[i] = ready
    }
    return copy ?? value
  }
  const prototype: unknown = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null) return unusual
  const record = value as Record<string, unknown>
  let copy: Record<string, unknown> | undefined
  for (const key in record) {
    const item = record[key]
    const ready = jsonReady(item, depth + 1)
    if (ready === unusual) return unusual
    if (ready !== item) (copy ??= { ...record })[key] = ready
  }
  return copy ?? value
}

export function toJsonText(value: unknown): string {
  const ready = jsonReady(value, 0)
  return (ready === unusual ? JSON.stringify(value, replacer) : JSON.stringify(ready)) ?? 'null'
}
