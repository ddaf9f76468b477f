// A batch's JSON lines written straight into pooled byte chunks as they are produced, so a
// batch holds bytes, not thousands of document objects and strings for the garbage collector
// to trace (at tens of thousands of records a second, that tracing cost more than the work).
const chunkBytes = 1 << 20
const newline = 0x0a

export class JsonLines {
  readonly #chunks: Buffer[] = []
  #current = Buffer.allocUnsafe(chunkBytes)
  #used = 0
  count = 0

  push(document: object): void {
    this.pushLine(JSON.stringify(document))
  }

  /** A document already encoded as one line of JSON (no newline). */
  pushLine(json: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; measure exactly only when it might not fit.
    const room = this.#current.length - this.#used - 1
    if (json.length * 3 > room && Buffer.byteLength(json) > room) {
      this.#chunks.push(this.#current.subarray(0, this.#used))
      this.#current = Buffer.allocUnsafe(Math.max(chunkBytes, Buffer.byteLength(json) + 1))
      this.#used = 0
    }
    this.#used += this.#current.write(json, this.#used)
    this.#current[this.#used++] = newline
    this.count++
  }

  /** The whole batch as one body. */
  toBuffer(): Buffer {
    return this.#chunks.length === 0 ? this.#current.subarray(0, this.#used) : Buffer.concat([...this.#chunks, this.#current.subarray(0, this.#used)])
  }

  /** For tests and small batches: the documents back. */
  parse(): Record<string, unknown>[] {
    return this.toBuffer().toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
  }
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const controlCharacter = /[\u0000-\u001f]/

/**
 * JSON.stringify(text), cheaper for the texts an indexer sees most. Node 22's V8 escapes a string
 * one character at a time (~3 ns each: a 1 KB message cost more than the rest of its document),
 * while replaceAll runs natively. Only `"` and `\` need escaping when the text holds no control
 * character and no lone surrogate; anything else takes JSON.stringify. `parsedAsJson`: the text
 * is known to be JSON (JSON.parse took it), so its only possible control characters are the
 * whitespace \t \n \r between tokens, found without a regular expression.
 */
export function jsonString(text: string, parsedAsJson = false): string {
  const plain = parsedAsJson
    ? text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\t') < 0
    : !controlCharacter.test(text)
  if (!plain || !text.isWellFormed()) return JSON.stringify(text)
  const backslashed = text.indexOf('\\') < 0 ? text : text.replaceAll('\\', '\\\\')
  return `"${backslashed.indexOf('"') < 0 ? backslashed : backslashed.replaceAll('"', '\\"')}"`
}
