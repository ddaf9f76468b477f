import type { HistoryCheck, StoragePrice } from '../../api/contract';
import { fmtBytes, fmtDuration, fmtMoney } from '../../ui/format';

/** Storage price per GB-month (GB = 2^30 bytes, as the sizes here count). */
const GB = 2 ** 30;

/** What holding `bytes` for a month costs at the configured price; null when either is unknown. */
export function monthlyCost(bytes: number | null | undefined, price: StoragePrice | undefined): number | null {
  if (!price || typeof bytes !== 'number' || !Number.isFinite(bytes)) return null;
  return (Math.max(0, bytes) / GB) * price.perGbMonth;
}

/** "$4.20/month", or "—" without a size or a price. */
export function fmtCost(bytes: number | null | undefined, price: StoragePrice | undefined): string {
  const cost = monthlyCost(bytes, price);
  return cost === null || !price ? '—' : `${fmtMoney(cost, price.currency)}/month`;
}

/** The price a cost figure is based on, for its tooltip. */
export function priceNote(price: StoragePrice | undefined): string {
  return price ? `At ${fmtMoney(price.perGbMonth, price.currency)} per GB-month (GB = 2^30 bytes): ${price.source}.` : '';
}

/** "not enough history yet (2 samples over 3 s; a forecast needs 12 over 1.0 d)". */
export function fmtShortHistory(h: HistoryCheck): string {
  return `not enough history yet (${h.samples} sample${h.samples === 1 ? '' : 's'} over ${fmtDuration(h.spanMs)}; a forecast needs ${h.minSamples} over ${fmtDuration(h.minSpanMs)})`;
}

/** "12–30 days", "at least 12 days" (the slow end does not fill), from the growth spread. */
export function fmtDaysRange(range: { soonest: number; latest: number | null } | null | undefined, days: number | null | undefined): string {
  if (!range) return fmtDays(days);
  if (range.latest === null) return `at least ${fmtDays(range.soonest)}`;
  const [a, b] = [fmtDays(range.soonest), fmtDays(range.latest)];
  if (a === b) return a;
  // "5.0–12 days", one unit for both ends.
  return a.endsWith(' days') && b.endsWith(' days') ? `${a.slice(0, -5)}–${b}` : `${a} – ${b}`;
}

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
