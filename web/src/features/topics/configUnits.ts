// Units of topic configs, read from Kafka's naming convention (…ms is milliseconds, …bytes is
// bytes), and their values in words a person reads at a glance: 604800000 → "7 d".

export type ConfigUnit = 'ms' | 'bytes';

export function configUnit(name: string): ConfigUnit | undefined {
  if (name.endsWith('.ms')) return 'ms';
  if (name.endsWith('.bytes')) return 'bytes';
  return undefined;
}

const DURATIONS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

const SIZES: [string, number][] = [
  ['TiB', 1024 ** 4],
  ['GiB', 1024 ** 3],
  ['MiB', 1024 ** 2],
  ['KiB', 1024],
];

/** The largest unit the value reaches, exact when it divides, else with one decimal ("1.5 h"). */
function inUnits(n: number, units: [string, number][], base: string): string {
  for (const [label, size] of units) {
    if (n >= size) {
      const v = n / size;
      const shown = Number.isInteger(v) ? String(v) : v.toFixed(1).replace(/\.0$/, '');
      return `${Number.isInteger(v) ? '' : '≈ '}${shown} ${label}`;
    }
  }
  return `${n} ${base}`;
}

/** "7 d", "1 GiB", "unlimited" (-1); undefined when the config has no unit or the value is no whole number. */
export function humanConfigValue(name: string, value: string | null | undefined): string | undefined {
  const unit = configUnit(name);
  if (!unit || value === null || value === undefined || !/^\s*-?\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  // Kafka's conventions: -1 is no limit, -2 (local.retention.*) defers to retention.ms/.bytes, and
  // Long.MAX_VALUE (flush.ms, max.compaction.lag.ms) is never.
  if (n === -1) return 'unlimited';
  if (n === -2 && name.startsWith('local.retention.')) return `as ${name.slice('local.'.length)}`;
  if (value.trim() === '9223372036854775807') return 'never';
  if (n < 0 || !Number.isSafeInteger(n)) return undefined;
  return unit === 'ms' ? inUnits(n, DURATIONS, 'ms') : inUnits(n, SIZES, 'B');
}
