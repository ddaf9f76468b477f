// Fixed locale so numbers look the same for every user and every test run.
const INT = new Intl.NumberFormat('en-US');

export function fmtInt(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? INT.format(n) : '—';
}

export function fmtTime(d: Date): string {
  return d.toLocaleTimeString('en-GB', { hour12: false });
}

/** Offsets and message counts are int64: format the exact value, never via Number. */
export function fmtBig(n: bigint | null | undefined): string {
  return typeof n === 'bigint' ? INT.format(n) : '—';
}

/** A decimal offset string with thousands separators; passed through unchanged if it is not a number. */
export function fmtOffset(s: string | null | undefined): string {
  if (s == null || s === '') return '—';
  try {
    // The shared formatter: toLocaleString builds a new one per call, which showed in the live tail's profile.
    return INT.format(BigInt(s));
  } catch {
    return s;
  }
}

/**
 * Durations for humans reading lag: "850 ms", "42 s", "3 m 12 s", "2.4 h", "3.1 d".
 * Minutes keep their seconds (a consumer 3 m behind vs 3 m 50 s behind matters);
 * beyond an hour one decimal of the unit is precise enough.
 */
export function fmtDuration(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '—';
  const neg = ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  let out: string;
  if (a < 1000) out = `${Math.round(a)} ms`;
  else if (a < 60_000) out = `${Math.floor(a / 1000)} s`;
  else if (a < 3_600_000) out = `${Math.floor(a / 60_000)} m ${Math.floor((a % 60_000) / 1000)} s`;
  else if (a < 48 * 3_600_000) out = `${(a / 3_600_000).toFixed(1)} h`;
  else out = `${(a / 86_400_000).toFixed(1)} d`;
  return neg + out;
}

/** "2026-01-31 14:05:09" in the viewer's time zone; the raw value if it does not parse. */
export function fmtDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/**
 * Byte sizes in binary (IEC) units, as disks and Kafka configs count them:
 * "512 B", "1.5 GiB", "120 MiB". One decimal while it still says something
 * (below 100 of a unit); "—" when the size is unknown.
 */
export function fmtBytes(n: number | null | undefined): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  let value = Math.abs(n);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
  return `${n < 0 ? '−' : ''}${digits} ${BYTE_UNITS[unit]}`;
}

/**
 * The sizes of one sentence or figure set, all in the unit of the largest ("3.2 GiB vs 0.33 GiB",
 * never "3.2 GiB vs 340 MiB"); below 1 of that unit three significant digits, so nothing reads as 0.
 */
export function fmtBytesSet(values: (number | null | undefined)[]): string[] {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  let unit = 0;
  let largest = known.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
  while (largest >= 1024 && unit < BYTE_UNITS.length - 1) {
    largest /= 1024;
    unit++;
  }
  return values.map((n) => {
    if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
    const value = Math.abs(n) / 1024 ** unit;
    const digits = unit === 0 || value >= 100 ? String(Math.round(value)) : value >= 1 || value === 0 ? value.toFixed(1).replace(/\.0$/, '') : value.toPrecision(3);
    return `${n < 0 ? '−' : ''}${digits} ${BYTE_UNITS[unit]}`;
  });
}

/** "$12.40" in USD, "12.40 EUR" otherwise; whole units from 1,000 up. */
export function fmtMoney(amount: number | null | undefined, currency = 'USD'): string {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return '—';
  const abs = Math.abs(amount);
  const digits = abs >= 1000 ? 0 : 2;
  // Below a cent: "<$0.01", so a small topic's cost reads as small, not as nothing.
  if (abs > 0 && abs < 0.005) return currency === 'USD' ? '<$0.01' : `<0.01 ${currency}`;
  const text = abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const sign = amount < 0 ? '−' : '';
  return currency === 'USD' ? `${sign}$${text}` : `${sign}${text} ${currency}`;
}

export function fmtPct(fraction: number | undefined): string {
  return fraction === undefined ? '—' : `${Math.round(fraction * 100)}%`;
}

/**
 * "0, 3, 5-7" → [0, 3, 5, 6, 7]. Throws an Error naming the bad part, so the
 * form can say what to fix instead of silently dropping it.
 */
export function parsePartitionList(text: string): number[] {
  const out = new Set<number>();
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) throw new Error(`"${part}" is not a partition number or range (like 0, 3, 5-7).`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new Error(`"${part}": a range goes from low to high.`);
    if (to - from > 100_000) throw new Error(`"${part}" is too large a range.`);
    for (let i = from; i <= to; i++) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

/** [0,1,2,3,7] → "0-3, 7": assignments and selections stay short. */
export function fmtPartitionList(ps: number[]): string {
  const sorted = [...ps].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Route params arrive percent-encoded (the router matches raw pathname segments). */
export function decodeParam(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
