import { describe, expect, it } from 'vitest'
import { genericPayload, headline, slackPayload, snsSubject, teamsPayload } from './render.ts'
import type { Notification } from './model.ts'

const n: Notification = {
  cluster: 'prod', ruleId: 'r1', ruleName: 'Retention <all>', kind: 'retention-audit', status: 'firing', severity: 'critical',
  key: 'retention-too-small|orders', summary: 'orders has retention.ms=1 & deletes at once', since: '2026-01-01T00:00:00.000Z', at: '2026-01-01T00:00:00.000Z',
}

describe('alert payloads', () => {
  it('Slack: one text field, mrkdwn, with &, < and > escaped', () => {
    const payload = slackPayload(n)
    expect(Object.keys(payload)).toEqual(['text'])
    expect(payload.text).toBe('*[FIRING · critical]* Retention &lt;all&gt; on `prod`\norders has retention.ms=1 &amp; deletes at once\n_Retention audit_')
    expect(slackPayload({ ...n, status: 'resolved' }).text).toContain('_Retention audit · since 2026-01-01T00:00:00.000Z_')
  })

  it('Teams: a MessageCard with a colour per state and the facts', () => {
    const card = teamsPayload(n)
    expect(card).toMatchObject({ '@type': 'MessageCard', '@context': 'https://schema.org/extensions', themeColor: 'D92D20', title: '[FIRING] Retention <all> (prod)', text: n.summary })
    expect(card.sections[0]?.facts).toContainEqual({ name: 'Severity', value: 'critical' })
    expect(teamsPayload({ ...n, status: 'resolved' }).themeColor).toBe('2EB67D')
    expect(teamsPayload({ ...n, severity: 'warning' }).themeColor).toBe('F79009')
  })

  it('generic JSON carries the whole notification; SNS subjects stay within 100 printable characters', () => {
    expect(genericPayload(n)).toEqual({ source: 'kafka-plus', version: 1, ...n, headline: headline(n) })
    expect(headline(n)).toBe('[FIRING · critical] Retention <all> (prod): orders has retention.ms=1 & deletes at once')
    const long = snsSubject({ ...n, ruleName: 'ü'.repeat(200) })
    expect(long.length).toBeLessThanOrEqual(100)
    expect(long).toMatch(/^[\x20-\x7e]+$/)
  })
})
