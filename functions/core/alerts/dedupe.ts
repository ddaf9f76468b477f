// The dedupe state machine: one message when a condition starts, one when it clears, and a
// reminder when it is still there after the rule's quiet period. Pure: the state comes in and
// goes out, so it can live in any store (a file locally, DynamoDB on AWS).
import type { Condition, Notification, StoredRule } from './model.ts'

export interface ConditionState {
  ruleId: string
  key: string
  severity: Condition['severity']
  summary: string
  /** When the condition started. */
  since: string
  /** When the last message about it went out. */
  lastSentAt: string
}

const rank = { warning: 1, critical: 2 } as const

export interface Transition {
  states: ConditionState[]
  notifications: Notification[]
}

/** One rule's conditions now against what was known before: the messages due, and the new state. */
export function transition(rule: StoredRule, active: Condition[], previous: ConditionState[], now: Date): Transition {
  const at = now.toISOString()
  const before = new Map(previous.filter((s) => s.ruleId === rule.id).map((s) => [s.key, s]))
  const states: ConditionState[] = []
  const notifications: Notification[] = []
  const note = (c: Pick<Condition, 'key' | 'severity' | 'summary'>, status: Notification['status'], since: string): Notification => ({
    cluster: rule.cluster, ruleId: rule.id, ruleName: rule.name, kind: rule.kind, status, severity: c.severity, key: c.key, summary: c.summary, since, at,
  })
  for (const condition of active) {
    const known = before.get(condition.key)
    before.delete(condition.key)
    if (!known) {
      notifications.push(note(condition, 'firing', at))
      states.push({ ruleId: rule.id, ...condition, since: at, lastSentAt: at })
    } else if (rank[condition.severity] > rank[known.severity]) {
      // Worse than when it was reported: say so now, not at the next reminder.
      notifications.push(note(condition, 'firing', known.since))
      states.push({ ...known, severity: condition.severity, summary: condition.summary, lastSentAt: at })
    } else if (now.getTime() - Date.parse(known.lastSentAt) >= rule.remindAfterMs) {
      notifications.push(note(condition, 'reminder', known.since))
      states.push({ ...known, severity: condition.severity, summary: condition.summary, lastSentAt: at })
    } else {
      states.push({ ...known, severity: condition.severity, summary: condition.summary })
    }
  }
  for (const gone of before.values()) notifications.push(note(gone, 'resolved', gone.since))
  return { states, notifications }
}
