// Byte sizes and rates for the storage views (binary units, as disks and Kafka configs use).
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function fmtBytes(n: number | null | undefined): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  let value = Math.abs(n);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${n < 0 ? '−' : ''}${value.toFixed(digits)} ${UNITS[unit]}`;
}

export function fmtRate(perDay: number | null | undefined): string {
  if (typeof perDay !== 'number' || !Number.isFinite(perDay)) return '—';
  return `${perDay > 0 ? '+' : ''}${fmtBytes(perDay)}/day`;
}

export function fmtDays(days: number | null | undefined): string {
  if (typeof days !== 'number' || !Number.isFinite(days)) return 'not filling';
  if (days < 1) return `${(days * 24).toFixed(1)} h`;
  return `${days < 10 ? days.toFixed(1) : Math.round(days)} days`;
}

/** retention.ms and the like: -1 means "forever". */
export function fmtRetention(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 0) return 'forever';
  const h = ms / 3_600_000;
  if (h < 1) return `${Math.round(ms / 60_000)} min`;
  if (h < 48) return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
  const d = h / 24;
  return `${Number.isInteger(d) ? d : d.toFixed(1)} d`;
}

export function fmtRetentionBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  return bytes < 0 ? 'no limit' : `${fmtBytes(bytes)}/partition`;
}

export const WINDOWS = [
  { id: '1h', label: '1 h', ms: 3_600_000 },
  { id: '1d', label: '1 d', ms: 86_400_000 },
  { id: '7d', label: '7 d', ms: 7 * 86_400_000 },
  { id: '30d', label: '30 d', ms: 30 * 86_400_000 },
] as const;

export type WindowId = (typeof WINDOWS)[number]['id'];

export function windowOf(id: WindowId): { start: number } {
  const w = WINDOWS.find((x) => x.id === id) ?? WINDOWS[2];
  return { start: Date.now() - w.ms };
}
