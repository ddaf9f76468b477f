// Alerts (functions/core/alerts/): rules per cluster, evaluated after each storage sample, delivered
// to webhooks (Slack, Teams, generic JSON) and, on AWS, the stack's SNS topic; deduplicated.

/** What a rule watches; its `threshold` means something per kind (see AlertRuleInput). */
export type AlertKind = 'retention-audit' | 'group-at-risk' | 'disk-full' | 'under-replicated' | 'offline-partitions'

export type AlertSeverity = 'warning' | 'critical'

export type DestinationKind = 'slack' | 'teams' | 'webhook' | 'sns'

/** A destination as the API shows it: a webhook URL is a secret, shown masked only. */
export interface DestinationView {
  id: string
  kind: DestinationKind
  /** e.g. "https://hooks.slack.com/…Xy7Q"; absent for SNS. */
  maskedUrl?: string
}

/** A destination as a client sends it: a new webhook needs `url`; an existing one (by id) keeps its URL when `url` is left out. */
export interface DestinationInput {
  id?: string
  kind: DestinationKind
  url?: string
}

export interface AlertRuleInput {
  name: string
  enabled: boolean
  kind: AlertKind
  /**
   * retention-audit: the lowest severity reported (1 = warning, 2 = critical);
   * group-at-risk: share of retention.ms a group's lag in time may reach (e.g. 0.8);
   * disk-full: days until a log dir is full (e.g. 14);
   * under-replicated / offline-partitions: how many partitions before it fires (e.g. 1).
   */
  threshold: number
  /** A condition still active is reported again after this long without a message (ms). */
  remindAfterMs: number
  destinations: DestinationInput[]
}

export interface AlertRule extends Omit<AlertRuleInput, 'destinations'> {
  id: string
  cluster: string
  destinations: DestinationView[]
  updatedAt: string
  updatedBy: string
}

/** GET /api/clusters/{c}/alerts/rules */
export interface AlertRules {
  rules: AlertRule[]
  /** Whether an SNS topic is configured (on AWS the stack's; KAFKA_PLUS_ALERTS_SNS_TOPIC_ARN). */
  snsAvailable: boolean
  /** Whether rules can be changed here (a store is configured). */
  writable: boolean
}

export type NotificationStatus = 'firing' | 'resolved' | 'reminder' | 'test'

/** One delivery of one notification to one destination. */
export interface DeliveryResult {
  destinationId: string
  kind: DestinationKind
  ok: boolean
  /** HTTP status of the last attempt, when there was an answer. */
  status?: number
  attempts: number
  error?: string
}

/** A line of the history: what was sent, about what, and how delivery went. */
export interface AlertHistoryEntry {
  id: string
  cluster: string
  ruleId: string
  ruleName: string
  status: NotificationStatus
  severity: AlertSeverity
  /** The condition's identity within the rule (a topic, a group on a topic, a log dir…). */
  key: string
  summary: string
  sentAt: string
  deliveries: DeliveryResult[]
}

/** GET /api/clusters/{c}/alerts/history?limit= */
export interface AlertHistory {
  items: AlertHistoryEntry[]
}

/** POST /api/clusters/{c}/alerts/rules/{id}/test */
export interface AlertTestResult {
  entry: AlertHistoryEntry
}
