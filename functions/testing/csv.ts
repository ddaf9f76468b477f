// A small RFC 4180 reader for tests: what the exports write must read back field for field.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let field = ''
  let fields: string[] = []
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      fields.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      fields.push(field)
      rows.push(fields)
      fields = []
      field = ''
      i++
    } else field += ch
  }
  if (field !== '' || fields.length > 0) rows.push([...fields, field])
  return rows
}
