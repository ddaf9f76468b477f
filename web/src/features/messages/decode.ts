import type { Encoding } from '../../api/messages';

const PREVIEW_CHARS = 240;

/**
 * Re-indents JSON text without parsing it into numbers: JSON.parse would turn
 * an int64 id like 12345678901234567890 into 12345678901234567000, and a
 * Kafka tool must show what is on the wire. Returns undefined when the text is
 * not valid JSON (e.g. cut at the server's size cap), so the caller shows it raw.
 */
export function prettyJson(text: string): string | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  let out = '';
  let depth = 0;
  let inString = false;
  const nl = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    switch (ch) {
      case '"':
        inString = true;
        out += ch;
        break;
      case '{':
      case '[': {
        // Keep empty containers on one line: "{}" and "[]".
        let j = i + 1;
        while (j < text.length && /\s/.test(text[j] as string)) j++;
        const close = ch === '{' ? '}' : ']';
        if (text[j] === close) {
          out += ch + close;
          i = j;
        } else {
          depth++;
          out += ch + nl();
        }
        break;
      }
      case '}':
      case ']':
        depth--;
        out += nl() + ch;
        break;
      case ',':
        out += ',' + nl();
        break;
      case ':':
        out += ': ';
        break;
      case ' ':
      case '\n':
      case '\r':
      case '\t':
        break;
      default:
        out += ch;
    }
  }
  return out;
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/** Classic 16-bytes-a-line dump: offset, hex, printable ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    const hex = Array.from(row, hex2).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  return lines.join('\n');
}

/** Hex of a base64 value's first bytes, for a one-line preview; undefined if it is not valid base64. */
function hexPreview(b64: string, max = 48): string | undefined {
  try {
    // A multiple of 4 characters is always a whole base64 chunk.
    const bytes = base64ToBytes(b64.slice(0, 4 * Math.ceil(max / 3)));
    return Array.from(bytes.subarray(0, max), hex2).join(' ');
  } catch {
    return undefined;
  }
}

/** One line for the list: whitespace collapsed, bounded so long values cost nothing. */
export function previewText(value: string | null, encoding: Encoding): string {
  if (value === null || encoding === 'null') return 'null';
  if (encoding === 'base64') {
    const hex = hexPreview(value);
    return hex === undefined ? value.slice(0, PREVIEW_CHARS) : `0x ${hex}`;
  }
  return value.slice(0, PREVIEW_CHARS * 2).replace(/\s+/g, ' ').slice(0, PREVIEW_CHARS);
}

/** "2026-01-31 14:05:09.123" in the viewer's time zone: records within one second need the milliseconds. */
export function fmtTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`
  );
}

/** A datetime-local value ("2026-01-31T14:05" or with seconds) as RFC 3339 UTC, undefined if it does not parse. */
export function localToRfc3339(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
