// Sizes and durations in the sentences the storage analysis writes. The sizes of one sentence share
// one unit (the largest value's), so "3.2 GiB vs 0.3 GiB", never "3.2 GiB vs 340 MiB".
const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const
const dayMs = 86_400_000

/** Index into B, KiB, MiB… of the unit `bytes` reads best in. */
function unitOf(bytes: number): number {
  let unit = 0
  let value = Math.abs(bytes)
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024
    unit++
  }
  return unit
}

function inUnit(bytes: number, unit: number): string {
  const value = bytes / 1024 ** unit
  const abs = Math.abs(value)
  // Below 1 of the shared unit keep three significant digits, so a small figure never reads as 0.
  const text = unit === 0 || abs >= 100 ? String(Math.round(value)) : abs >= 1 || abs === 0 ? value.toFixed(1) : value.toPrecision(3)
  return `${text} ${byteUnits[unit]}`
}

/** The sizes of one sentence, all in the unit of the largest. */
export function sizes(...values: number[]): string[] {
  const unit = unitOf(values.reduce((max, v) => Math.max(max, Math.abs(v)), 0))
  return values.map((v) => inUnit(v, unit))
}

export const size = (bytes: number): string => sizes(bytes)[0] as string

/** "45 s", "12 min", "3.5 h", "7.0 d". */
export function duration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`
  if (ms < dayMs) return `${(ms / 3_600_000).toFixed(1)} h`
  return `${(ms / dayMs).toFixed(1)} d`
}
