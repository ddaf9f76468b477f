// Time ranges of the search page: relative presets ("last 1 h") resolved at search time, or an
// absolute from/to. Kept in the URL, so a search can be shared and reloaded.
export const PRESETS = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '6h', label: 'Last 6 hours', ms: 6 * 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;

export type TimeRange = { kind: 'preset'; id: string } | { kind: 'absolute'; from: string; to: string };

const DEFAULT_RANGE: TimeRange = { kind: 'preset', id: '1h' };

/** The concrete window of a range, as RFC 3339 strings. */
export function resolveRange(range: TimeRange, now = Date.now()): { start: string; end: string } {
  if (range.kind === 'absolute') return { start: range.from, end: range.to };
  const preset = PRESETS.find((p) => p.id === range.id) ?? PRESETS[1];
  return { start: new Date(now - preset.ms).toISOString(), end: new Date(now).toISOString() };
}

export function rangeFromQuery(q: { range?: string; from?: string; to?: string }): TimeRange {
  if (q.from && q.to && !Number.isNaN(Date.parse(q.from)) && !Number.isNaN(Date.parse(q.to))) {
    return { kind: 'absolute', from: q.from, to: q.to };
  }
  return PRESETS.some((p) => p.id === q.range) ? { kind: 'preset', id: q.range as string } : DEFAULT_RANGE;
}

export function rangeToQuery(range: TimeRange): { range?: string; from?: string; to?: string } {
  return range.kind === 'preset' ? { range: range.id, from: undefined, to: undefined } : { range: undefined, from: range.from, to: range.to };
}

/** "2026-01-31T14:05" for <input type="datetime-local"> in the viewer's zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export const EXAMPLES = [
  { query: 'error', what: 'messages containing the word “error”' },
  { query: 'topic:=orders error', what: 'errors in one topic' },
  { query: 'key:=user-42', what: 'one key’s whole story' },
  { query: '"payment declined" -debug', what: 'a phrase, without “debug”' },
  { query: '_msg:~"time(out|d out)"', what: 'a regular expression' },
  { query: 'level:error | stats by (topic) count() n', what: 'counts per topic' },
] as const;
