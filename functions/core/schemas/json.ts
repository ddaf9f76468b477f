// Decoded values as JSON text: bytes as base64 (Avro bytes and fixed), 64-bit integers as JSON
// numbers when they fit exactly, as strings when they do not.
function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // JSON.stringify calls a Buffer's toJSON before the replacer: the holder still has the original.
  const original = this[key]
  if (original instanceof Uint8Array) return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64')
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString()
  return value
}

export function toJsonText(value: unknown): string {
  return JSON.stringify(value, replacer) ?? 'null'
}
