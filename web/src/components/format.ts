// Fixed locale so numbers look the same for every user and every test run.
const INT = new Intl.NumberFormat('en-US');

export function fmtInt(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? INT.format(n) : '—';
}

export function fmtTime(d: Date): string {
  return d.toLocaleTimeString('en-GB', { hour12: false });
}
