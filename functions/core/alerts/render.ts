// Payloads per destination kind: Slack's incoming webhooks take `{ text }` (mrkdwn), Microsoft
// Teams' take a MessageCard, anything else gets the notification as JSON; SNS gets that JSON as
// its message with a short subject.
import type { Notification } from './model.ts'

const label: Record<Notification['status'], string> = { firing: 'FIRING', resolved: 'RESOLVED', reminder: 'STILL FIRING', test: 'TEST' }
const kindLabel: Record<Notification['kind'], string> = {
  'retention-audit': 'Retention audit', 'group-at-risk': 'Consumer group at risk', 'disk-full': 'Disk filling up',
  'under-replicated': 'Under-replicated partitions', 'offline-partitions': 'Offline partitions',
}
// Teams' theme colours: red while firing, amber for warnings, green once resolved, grey for a test.
const colour = (n: Notification) => (n.status === 'resolved' ? '2EB67D' : n.status === 'test' ? '6B7280' : n.severity === 'critical' ? 'D92D20' : 'F79009')

/** One line: "[FIRING · critical] Retention (prod): orders has retention.ms=1 …". */
export function headline(n: Notification): string {
  return `[${label[n.status]} · ${n.severity}] ${n.ruleName} (${n.cluster}): ${n.summary}`
}

/** Slack (and Mattermost, Rocket.Chat…): a `text` in mrkdwn; Slack escapes only &, < and >. */
export function slackPayload(n: Notification): { text: string } {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const since = n.status === 'firing' || n.status === 'test' ? '' : ` · since ${n.since}`
  return { text: `*[${label[n.status]} · ${n.severity}]* ${escape(n.ruleName)} on \`${escape(n.cluster)}\`\n${escape(n.summary)}\n_${kindLabel[n.kind]}${since}_` }
}

/** Microsoft Teams incoming webhook: a legacy actionable MessageCard, which every Teams connector accepts. */
export function teamsPayload(n: Notification) {
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: headline(n),
    themeColor: colour(n),
    title: `[${label[n.status]}] ${n.ruleName} (${n.cluster})`,
    text: n.summary,
    sections: [{
      facts: [
        { name: 'Status', value: label[n.status] },
        { name: 'Severity', value: n.severity },
        { name: 'What', value: kindLabel[n.kind] },
        { name: 'Cluster', value: n.cluster },
        { name: 'Since', value: n.since },
      ],
    }],
  }
}

/** Generic webhooks and SNS: the notification itself, versioned. */
export function genericPayload(n: Notification) {
  return { source: 'kafka-plus', version: 1, ...n, headline: headline(n) }
}

/** SNS subjects are at most 100 ASCII characters without line breaks. */
export function snsSubject(n: Notification): string {
  const subject = `[${label[n.status]}] ${n.ruleName} (${n.cluster})`.replace(/[^\x20-\x7e]/g, '?')
  return subject.length > 100 ? `${subject.slice(0, 99)}…`.replace(/…$/, '.') : subject
}
