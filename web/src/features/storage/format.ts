import { fmtBytes } from '../../ui/format';

// Rates, fill times and retention settings for the storage views.
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
