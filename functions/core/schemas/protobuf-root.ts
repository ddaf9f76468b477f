// A Protobuf schema from the registry, parsed once for decoding and for encoding alike.
import type { ResolvedSchema } from './types.ts'

type Protobuf = typeof import('protobufjs')
type PbType = import('protobufjs').Type

export interface ParsedProtobuf {
  /** The schema file's own top-level message types, in file order: message-index paths refer to them. */
  topLevel: PbType[]
  /** Well-known types, references, then the schema itself, resolved. */
  root: import('protobufjs').Root
}

export function parseProtobuf(schema: ResolvedSchema, protobuf: Protobuf): ParsedProtobuf {
  const isType = (o: unknown): o is PbType => o instanceof protobuf.Type
  // The schema's own file alone, for the order of its message types.
  const own = protobuf.parse(schema.text, { keepCase: true })
  const fileScope = own.package ? own.root.lookup(own.package) : own.root
  const topLevel = fileScope && 'nestedArray' in fileScope ? (fileScope as import('protobufjs').Namespace).nestedArray.filter(isType) : []
  if (topLevel.length === 0) throw new Error('the Protobuf schema declares no message type')

  const root = new protobuf.Root()
  const imports = new Set([...(own.imports ?? []), ...(own.weakImports ?? [])])
  for (const reference of schema.references) {
    if (reference.type !== 'PROTOBUF') continue
    const parsed = protobuf.parse(reference.text, root, { keepCase: true })
    for (const name of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) imports.add(name)
  }
  const referenced = new Set(schema.references.map((r) => r.name))
  for (const name of imports) {
    if (referenced.has(name) || !name.startsWith('google/protobuf/')) continue
    const common = protobuf.common.get(name)
    if (common?.nested) root.addJSON(common.nested)
  }
  protobuf.parse(schema.text, root, { keepCase: true })
  root.resolveAll()
  return { topLevel, root }
}
