import { describe, expect, it } from 'vitest'
import { slowestGroupFromRows } from './ttl-advice.ts'

const day = 86_400_000

describe('slowestGroupFromRows', () => {
  it('sizes from the oldest unread record age, not the lag behind the newest record', () => {
    // A stopped group on a quiet topic: 1 minute behind the newest record, but its oldest unread record is 6 days old.
    const slowest = slowestGroupFromRows([
      { group: 'quiet-stopped', oldestUnreadAgeMs: String(6 * day), maxLagMs: '60000' },
      { group: 'busy', oldestUnreadAgeMs: String(2 * day), maxLagMs: String(3 * day) },
    ])
    expect(slowest).toEqual({ group: 'quiet-stopped', needMs: 6 * day, basis: 'oldest-unread', oldestUnreadAgeMs: 6 * day, maxLagMs: 60000 })
  })

  it('falls back to maxLagMs for groups whose samples predate the oldest-unread age', () => {
    const slowest = slowestGroupFromRows([
      { group: 'old-sample', maxLagMs: String(4 * day) },
      { group: 'new-sample', oldestUnreadAgeMs: String(day), maxLagMs: '0' },
    ])
    expect(slowest).toMatchObject({ group: 'old-sample', needMs: 4 * day, basis: 'lag', oldestUnreadAgeMs: null })
  })

  it('answers null when no group has a figure', () => {
    expect(slowestGroupFromRows([{ group: 'g', oldestUnreadAgeMs: '', maxLagMs: '' }])).toBeNull()
    expect(slowestGroupFromRows([])).toBeNull()
  })
})
