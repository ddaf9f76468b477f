// Times typed as text in 24-hour form, in the browser's time zone, which is named beside the field:
// <input type="datetime-local"> shows AM/PM in some locales and never says which zone it means.

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** "2026-11-29 14:05" or "… 14:05:30(.250)" in the local zone as a Date; undefined if it is no such time. */
export function parseTime24(text: string): Date | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v))) as [number, number, number, number, number, number];
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  const date = new Date(y, mo - 1, d, h, mi, s, millis);
  // Date rolls 2026-02-30 over to March: refuse instead of guessing.
  const same = date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d && date.getHours() === h && date.getMinutes() === mi;
  return same ? date : undefined;
}

/** "2026-11-29 14:05:30" in the local zone, the form parseTime24 reads. */
export function formatTime24(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

/** "UTC+01:00 (Europe/Berlin)": the zone typed times are read in. */
export function zoneLabel(at = new Date()): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `UTC${sign}${hhmm}${name ? ` (${name})` : ''}`;
}
