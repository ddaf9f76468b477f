// What alerts are made of inside the core: a rule as stored (webhook URLs in full: they are secrets
// and leave the store only masked, see maskUrl), a condition a rule finds, and a notification.
import type {
  AlertKind, AlertRule, AlertSeverity, DestinationKind, NotificationStatus,
} from '../../contract/alerts.ts'
import { invalidInput } from '../errors.ts'
export type { AlertKind, AlertSeverity, DestinationKind, NotificationStatus }

export interface StoredDestination {
  id: string
  kind: DestinationKind
  /** Webhooks only: the full URL (a secret). */
  url?: string
}

export interface StoredRule extends Omit<AlertRule, 'destinations'> {
  destinations: StoredDestination[]
}

/** Something a rule finds in one evaluation; `key` identifies it across evaluations. */
export interface Condition {
  key: string
  severity: AlertSeverity
  summary: string
}

export interface Notification {
  cluster: string
  ruleId: string
  ruleName: string
  kind: AlertKind
  status: NotificationStatus
  severity: AlertSeverity
  key: string
  summary: string
  /** When the condition started (RFC 3339). */
  since: string
  at: string
}

/** Only http(s) URLs are delivered to; anything else is refused when the rule is saved. */
export function webhookUrl(text: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw invalidInput('A webhook URL must be an absolute http(s) URL.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidInput('A webhook URL must be http(s).')
  return url
}

/** "https://hooks.slack.com/…Xy7Q": enough to recognise it, too little to use it. */
export function maskUrl(text: string): string {
  try {
    const url = new URL(text)
    const rest = `${url.pathname}${url.search}`
    return `${url.protocol}//${url.host}/…${rest.length > 12 ? rest.slice(-4) : ''}`
  } catch {
    return '…'
  }
}
