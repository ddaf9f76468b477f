// Deterministic sampling by record key: a hash of the key against the rate, so every record
// of one key is kept or dropped together and an entity's story stays whole. The hash is not
// salted by topic: with rates 0.1 and 0.5 on two topics, a key kept at 0.1 is kept at 0.5 too,
// so the story also holds across topics. Records without a key hash on (partition, offset).

/** MurmurHash3 x86 32-bit: fast, well spread over short, similar keys like "user-1", "user-2". */
export function murmur3(data: Uint8Array, seed = 0): number {
  let h = seed >>> 0
  const length = data.length
  const blocks = length & ~3
  for (let i = 0; i < blocks; i += 4) {
    let k = (data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24)
    k = Math.imul(k, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    h ^= k
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  let k = 0
  switch (length & 3) {
    case 3: k ^= (data[blocks + 2] as number) << 16 // falls through
    case 2: k ^= (data[blocks + 1] as number) << 8 // falls through
    case 1:
      k ^= data[blocks] as number
      k = Math.imul(k, 0xcc9e2d51)
      k = (k << 15) | (k >>> 17)
      k = Math.imul(k, 0x1b873593)
      h ^= k
  }
  h ^= length
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const twoTo32 = 2 ** 32

/** Where a key falls in [0, 1): kept when below the rate. */
export function samplePoint(key: Uint8Array | null, partition: number, offset: string): number {
  const input = key && key.length > 0 ? key : Buffer.from(`${partition}:${offset}`)
  return murmur3(input) / twoTo32
}

export function sampled(key: Uint8Array | null, partition: number, offset: string, rate: number): boolean {
  if (rate >= 1) return true
  return samplePoint(key, partition, offset) < rate
}
