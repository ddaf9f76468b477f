import type { SchemaType } from '../../api/contract';

/** Avro and JSON Schema texts are JSON: shown indented. Protobuf is shown as registered. */
export function prettySchema(text: string, type: SchemaType): string {
  if (type === 'PROTOBUF') return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export const TYPE_LABEL: Record<SchemaType, string> = { AVRO: 'Avro', PROTOBUF: 'Protobuf', JSON: 'JSON Schema' };
