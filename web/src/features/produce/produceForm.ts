// The Produce dialog's form as a request: one record, its key and value in the chosen format.
// Only what the browser can tell without the server is checked here (JSON syntax, base64); the
// server checks the rest (schemas, sizes, partitions) and its problem is shown as it says.
import type { ProduceCompression, ProducePayload, ProduceRequest } from '../../api/produce';
import { invalid } from '../../ui/problem';

export type PayloadFormat = 'none' | 'text' | 'json' | 'base64' | 'schema';

export interface PayloadForm {
  format: PayloadFormat;
  text: string;
  subject: string;
  /** '' = latest. */
  version: string;
  /** Protobuf only; '' = the schema's first message type. */
  messageType: string;
}

export interface ProduceForm {
  key: PayloadForm;
  value: PayloadForm;
  headers: { name: string; value: string }[];
  /** '' = by key (or one partition for keyless records). */
  partition: string;
  compression: ProduceCompression;
}

export const emptyPayload = (format: PayloadFormat): PayloadForm => ({ format, text: '', subject: '', version: '', messageType: '' });

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw invalid(`${what}: not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
}

export function toPayload(form: PayloadForm, what: 'key' | 'value'): ProducePayload | null {
  switch (form.format) {
    case 'none':
      return null;
    case 'text':
      return { format: 'text', data: form.text };
    case 'json':
      return { format: 'json', data: parseJson(form.text, what) };
    case 'base64': {
      const data = form.text.replace(/\s+/g, '');
      if (!BASE64.test(data)) throw invalid(`${what}: not valid base64.`);
      return { format: 'base64', data };
    }
    case 'schema': {
      if (!form.subject) throw invalid(`${what}: choose a subject to encode with.`);
      return {
        format: 'schema',
        subject: form.subject,
        data: parseJson(form.text, what),
        ...(form.version ? { version: Number(form.version) } : {}),
        ...(form.messageType.trim() ? { messageType: form.messageType.trim() } : {}),
      };
    }
  }
}

/** The request for the form; throws an INVALID_INPUT problem the dialog shows. */
export function toRequest(form: ProduceForm): ProduceRequest {
  const headers = form.headers.filter((h) => h.name.trim()).map((h) => ({ key: h.name.trim(), value: h.value }));
  return {
    compression: form.compression,
    records: [
      {
        key: toPayload(form.key, 'key'),
        value: toPayload(form.value, 'value'),
        ...(headers.length ? { headers } : {}),
        ...(form.partition === '' ? {} : { partition: Number(form.partition) }),
      },
    ],
  };
}
