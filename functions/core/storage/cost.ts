// Storage in money: bytes held for a month at a price per GB-month. GB here is 2^30 bytes, the
// unit the rest of the storage views use (AWS bills EBS-backed broker storage per GiB-month as "GB").
import type { StoragePrice } from '../../contract/storage.ts'
export type { StoragePrice }

export const bytesPerGb = 2 ** 30

/** What keeping `bytes` for a month costs; null when the size is unknown. */
export function monthlyCost(bytes: number | null | undefined, price: StoragePrice): number | null {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return null
  return (Math.max(0, bytes) / bytesPerGb) * price.perGbMonth
}

/** "$12.40/month" for USD, "12.40 EUR/month" otherwise; cents below $10, whole units above $1,000. */
export function formatMoney(amount: number, currency: string): string {
  const abs = Math.abs(amount)
  const digits = abs >= 1000 ? 0 : 2
  // Below a cent: "<$0.01", so a small topic's cost reads as small, not as nothing.
  if (abs > 0 && abs < 0.005) return currency === 'USD' ? '<$0.01' : `<0.01 ${currency}`
  const text = abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
  const sign = amount < 0 ? '−' : ''
  return currency === 'USD' ? `${sign}$${text}` : `${sign}${text} ${currency}`
}
