// The live tail's buffer as an export, written in the browser in the server's formats
// (functions/core/export/format.ts writes the same text for browse and search exports).
import type { ExportFormat, ExportMode, ExportRow } from '../../api/export';
import type { Encoding, MessageItem } from '../../api/messages';

export const CSV_COLUMNS = ['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers', 'keyEncoding', 'valueEncoding'] as const;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** RFC 4180: quoted (quotes doubled) only when the field holds a comma, quote, CR or LF. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(row: ExportRow): string {
  return (
    [row.topic, row.partition, row.offset, row.timestamp, row.key, row.value, JSON.stringify(row.headers), row.keyEncoding, row.valueEncoding]
      .map(csvField)
      .join(',') + '\r\n'
  );
}

export const head = (format: ExportFormat): string => (format === 'json' ? '[' : format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '');
export const tail = (format: ExportFormat): string => (format === 'json' ? '\n]\n' : '');

export function rowText(format: ExportFormat, row: ExportRow, first: boolean): string {
  if (format === 'csv') return csvRow(row);
  if (format === 'json') return `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
  return `${JSON.stringify(row)}\n`;
}

const encoder = new TextEncoder();

function toBase64(text: string): string {
  const bytes = encoder.encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Raw: base64 of the bytes, where the browser has them. A value the server cut at its cap, or a
 * registry-decoded one, arrived without its bytes: it stays as shown (`truncated` marks the former).
 */
function rawPayload(value: string | null, encoding: Encoding, decodedBySchema: boolean): { value: string | null; encoding: Encoding } {
  if (value === null || encoding === 'null') return { value: null, encoding: 'null' };
  if (encoding === 'base64' || decodedBySchema) return { value, encoding };
  return { value: toBase64(value), encoding: 'base64' };
}

export function tailRow(topic: string, m: MessageItem, mode: ExportMode): ExportRow {
  const key = mode === 'raw' ? rawPayload(m.key, m.keyEncoding, !!m.keySchema) : { value: m.key, encoding: m.keyEncoding };
  const value = mode === 'raw' ? rawPayload(m.value, m.valueEncoding, !!m.valueSchema) : { value: m.value, encoding: m.valueEncoding };
  return {
    topic,
    partition: m.partition,
    offset: m.offset,
    timestamp: m.timestamp,
    key: key.value,
    keyEncoding: key.encoding,
    value: value.value,
    valueEncoding: value.encoding,
    headers: m.headers.map((h) => (mode === 'raw' ? { key: h.key, ...rawPayload(h.value, h.encoding, false) } : h)),
    ...(m.keySchema ? { keySchema: m.keySchema } : {}),
    ...(m.valueSchema ? { valueSchema: m.valueSchema } : {}),
    ...(m.keySchemaError ? { keySchemaError: m.keySchemaError } : {}),
    ...(m.valueSchemaError ? { valueSchemaError: m.valueSchemaError } : {}),
    ...(m.truncated ? { truncated: true } : {}),
  };
}

/** Writes rows into a Blob a slice at a time, yielding to the page between slices so progress can show. */
export async function rowsToBlob(
  rows: readonly ExportRow[],
  format: ExportFormat,
  onProgress: (progress: { rows: number; bytes: number }) => void,
): Promise<{ blob: Blob; rows: number; bytes: number }> {
  const parts: string[] = [head(format)];
  let bytes = encoder.encode(parts[0]).length;
  for (let i = 0; i < rows.length; i++) {
    const text = rowText(format, rows[i] as ExportRow, i === 0);
    parts.push(text);
    bytes += encoder.encode(text).length;
    if (i % 1000 === 999) {
      onProgress({ rows: i + 1, bytes });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  const end = tail(format);
  parts.push(end);
  bytes += encoder.encode(end).length;
  onProgress({ rows: rows.length, bytes });
  return { blob: new Blob(parts, { type: CONTENT_TYPES[format] }), rows: rows.length, bytes };
}
