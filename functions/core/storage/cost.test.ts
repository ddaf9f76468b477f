import { describe, expect, it } from 'vitest'
import { formatMoney, monthlyCost } from './cost.ts'

const msk = { perGbMonth: 0.1, currency: 'USD', source: 'test' }

describe('storage cost', () => {
  it('prices bytes per GB-month (GB = 2^30 bytes)', () => {
    expect(monthlyCost(2 ** 30, msk)).toBeCloseTo(0.1)
    expect(monthlyCost(500 * 2 ** 30, msk)).toBeCloseTo(50)
    expect(monthlyCost(null, msk)).toBeNull()
    expect(monthlyCost(-5, msk)).toBe(0)
  })

  it('formats money with its currency', () => {
    expect(formatMoney(12.4, 'USD')).toBe('$12.40')
    expect(formatMoney(-3, 'USD')).toBe('−$3.00')
    expect(formatMoney(12_345.6, 'EUR')).toBe('12,346 EUR')
    expect(formatMoney(0.0000838, 'USD')).toBe('<$0.01')
    expect(formatMoney(0, 'USD')).toBe('$0.00')
  })
})
