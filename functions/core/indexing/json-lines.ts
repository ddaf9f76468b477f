// A batch's JSON lines written straight into pooled byte chunks as they are produced, so a
// batch holds bytes, not thousands of document objects and strings for the garbage collector
// to trace (at tens of thousands of records a second, that tracing cost more than the work).
const chunkBytes = 1 << 20

export class JsonLines {
  readonly #chunks: Buffer[] = []
  #current = Buffer.allocUnsafe(chunkBytes)
  #used = 0
  count = 0

  push(document: object): void {
    const line = `${JSON.stringify(document)}\n`
    // UTF-8 needs at most 3 bytes per UTF-16 unit; measure exactly only when it might not fit.
    const room = this.#current.length - this.#used
    if (line.length * 3 > room && Buffer.byteLength(line) > room) {
      this.#chunks.push(this.#current.subarray(0, this.#used))
      this.#current = Buffer.allocUnsafe(Math.max(chunkBytes, Buffer.byteLength(line)))
      this.#used = 0
    }
    this.#used += this.#current.write(line, this.#used)
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
