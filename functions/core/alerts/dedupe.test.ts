import { describe, expect, it } from 'vitest'
import { transition, type ConditionState } from './dedupe.ts'
import type { StoredRule } from './model.ts'

const rule: StoredRule = {
  id: 'r1', cluster: 'prod', name: 'Retention', enabled: true, kind: 'retention-audit', threshold: 1, remindAfterMs: 3_600_000,
  destinations: [], updatedAt: '', updatedBy: '',
}
const t0 = new Date('2026-01-01T00:00:00Z')
const later = (ms: number) => new Date(t0.getTime() + ms)
const orders = { key: 'orders', severity: 'warning' as const, summary: 'orders: retention.ms=1' }

describe('alert dedupe', () => {
  it('one message when a condition starts, none while it stays within the quiet period', () => {
    const first = transition(rule, [orders], [], t0)
    expect(first.notifications.map((n) => [n.status, n.key])).toEqual([['firing', 'orders']])
    const again = transition(rule, [orders], first.states, later(5 * 60_000))
    expect(again.notifications).toEqual([])
    expect(again.states).toEqual(first.states)
  })

  it('a reminder once the quiet period has passed, then quiet again', () => {
    const first = transition(rule, [orders], [], t0)
    const reminder = transition(rule, [orders], first.states, later(3_600_000))
    expect(reminder.notifications).toEqual([expect.objectContaining({ status: 'reminder', since: t0.toISOString() })])
    expect(transition(rule, [orders], reminder.states, later(3_600_000 + 60_000)).notifications).toEqual([])
  })

  it('one message when it clears, and the state is gone', () => {
    const first = transition(rule, [orders], [], t0)
    const cleared = transition(rule, [], first.states, later(60_000))
    expect(cleared.notifications).toEqual([expect.objectContaining({ status: 'resolved', key: 'orders', since: t0.toISOString() })])
    expect(cleared.states).toEqual([])
    expect(transition(rule, [], cleared.states, later(120_000)).notifications).toEqual([])
  })

  it('getting worse is reported at once; other rules’ states are left alone', () => {
    const first = transition(rule, [orders], [], t0)
    const worse = transition(rule, [{ ...orders, severity: 'critical' }], first.states, later(60_000))
    expect(worse.notifications).toEqual([expect.objectContaining({ status: 'firing', severity: 'critical' })])
    const other: ConditionState = { ruleId: 'r2', key: 'x', severity: 'warning', summary: '', since: t0.toISOString(), lastSentAt: t0.toISOString() }
    expect(transition(rule, [], [other], later(1)).notifications).toEqual([])
  })
})
