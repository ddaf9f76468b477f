// A case-insensitive substring looked for in the JSON text of Avro payloads, tried first on the
// Avro bytes themselves: a filtered tail then decodes only the records that may match, not all.
//
// Why that is exact: the decoded JSON (avro-json.ts) is punctuation ("{}[]:,) around tokens:
// field names, enum symbols and union branch names (from the schema), numbers and the literals
// true/false/null, base64 of bytes and fixed, and strings, whose characters are the UTF-8 bytes
// of the payload as they are, but for JSON escapes (\n, \", \u001f…). A needle without
// punctuation lies inside one token. When it cannot be a piece of a schema name, a number, a
// literal or base64, it lies inside a string, and without a backslash it can start inside at
// most one escape (its tail: "n", "u001f"…), the rest being the string's own characters. So the
// payload's bytes, read as UTF-8 and lower-cased, contain that rest, or the JSON cannot contain
// the needle. The bytes before a string are a length whose last byte is ASCII, so its
// characters read the same there.

/** JSON's punctuation, and what makes a match depend on more than one token or on context. */
// U+FFFD stands for invalid bytes (read differently in and out of a string); Greek capital
// sigma lower-cases by what follows it (final form), which differs in the bytes and the JSON.
const unsafeCharacters = /["\\{}[\]:,\uFFFD\u03A3\u03C3\u03C2]/
const numberCharacters = /^[0-9.e+-]+$/
const base64Characters = /^[a-z0-9+/=]+$/
const literals = ['true', 'false', 'null']
const primitiveNames = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string', 'array', 'map', 'record', 'enum', 'fixed']
/** The longest tail of an escape a needle may start with: \b \f \n \r \t, or \u00XX. */
const escapeTail = /^(?:u00[0-9a-f]{2}|00[0-9a-f]{2}|0[0-9a-f]{2}|[0-9a-f]{2}|[bfnrt0-9a-f])/
/** A needle that fits inside one escape ("u0", "u00a"…): any string with a control character holds it. */
const withinEscape = /^(?:[bfnrt]|u(?:0(?:0[0-9a-f]{0,2})?)?|0(?:0[0-9a-f]{0,2}|[0-9a-f]{1,2})?|[0-9a-f]{1,2})$/

type Latin1 = Buffer & { latin1Slice(start: number, end: number): string }

/**
 * A lower-cased text looked for, case-insensitively, in bytes read as UTF-8. An ASCII one without
 * i or k is looked for in the bytes read as Latin-1 instead, which is exact and much cheaper on
 * binary (Avro: ~4 → ~1.3 µs a record): ASCII bytes are ASCII characters either way (invalid
 * UTF-8 never takes an ASCII byte with it), other bytes lower-case to non-ASCII either way, and
 * only U+0130 (to "i̇") and U+212A (Kelvin, to "k") lower-case into ASCII (text-probe.test.ts).
 */
export class TextNeedle {
  readonly text: string
  readonly #latin1: boolean

  constructor(text: string) {
    this.text = text
    // ASCII exactly when its UTF-8 is as long as its UTF-16.
    this.#latin1 = Buffer.byteLength(text) === text.length && !/[ik]/.test(text)
  }

  /** Bytes shorter than the text cannot hold it: no character lower-cases to more UTF-16 units than it had UTF-8 bytes. */
  in(bytes: Buffer): boolean {
    if (bytes.length < this.text.length) return false
    const text = this.#latin1 ? (bytes as Latin1).latin1Slice(0, bytes.length) : bytes.toString('utf8')
    return text.toLowerCase().includes(this.text)
  }
}

/** What a schema contributes to the JSON besides the payload's strings. */
export interface SchemaText {
  /** Names and symbols as they may appear in the JSON, lower-cased. */
  names: readonly string[]
  /** Has bytes or fixed (written as base64). */
  binary: boolean
}

/** A lower-cased needle, with what its first look at raw bytes needs. */
export class NeedleProbe {
  readonly needle: string
  readonly #whole: TextNeedle
  /** The part a payload's own characters must hold; undefined when the needle may come from anything but strings. */
  readonly #core: TextNeedle | undefined
  readonly #base64: boolean
  #lastSchema: SchemaText | undefined
  #lastUsable = false

  constructor(needle: string) {
    this.needle = needle
    this.#whole = new TextNeedle(needle)
    const usable = needle.length > 0 && !unsafeCharacters.test(needle) && !numberCharacters.test(needle) && !withinEscape.test(needle) && !literals.some((l) => l.includes(needle))
    const core = usable ? needle.slice(escapeTail.exec(needle)?.[0].length ?? 0) : ''
    this.#core = core.length > 0 ? new TextNeedle(core) : undefined
    this.#base64 = base64Characters.test(needle)
  }

  /** Whether `bytes` (Avro data of a schema like `schema`) may decode to JSON containing the needle: false only when it cannot. */
  mayBeIn(bytes: Buffer, schema: SchemaText): boolean {
    if (this.#core === undefined || !this.#usableWith(schema)) return true
    return this.#core.in(bytes)
  }

  /** Whether plain bytes (read as UTF-8, lower-cased) contain the needle: what the filter asks of them. */
  inBytes(bytes: Buffer): boolean {
    return this.#whole.in(bytes)
  }

  #usableWith(schema: SchemaText): boolean {
    if (schema !== this.#lastSchema) {
      this.#lastSchema = schema
      this.#lastUsable = !(schema.binary && this.#base64) && !schema.names.some((name) => name.includes(this.needle))
    }
    return this.#lastUsable
  }
}

/**
 * The names an Avro schema may write into its JSON: every string of the schema's own JSON (and
 * its references'), every named type's full name, and the primitive names (union branches).
 */
export function avroSchemaText(schemaTexts: readonly string[], fullNames: readonly string[]): SchemaText {
  const names = new Set<string>(primitiveNames)
  let binary = false
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      names.add(node.toLowerCase())
      if (node === 'bytes' || node === 'fixed') binary = true
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item)
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        names.add(key.toLowerCase())
        visit(value)
      }
    }
  }
  for (const text of schemaTexts) visit(JSON.parse(text) as unknown)
  for (const name of fullNames) names.add(name.toLowerCase())
  return { names: [...names], binary }
}
