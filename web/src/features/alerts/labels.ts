import type { AlertKind, DestinationKind } from '../../api/alerts';

/** Each kind of rule, what its threshold means, and a sensible default. */
export const KINDS: Record<AlertKind, { label: string; threshold: string; hint: string; default: number }> = {
  'retention-audit': {
    label: 'Retention audit findings',
    threshold: 'Lowest severity (1 = warning, 2 = critical)',
    hint: 'Findings of the retention audit on the latest sample: retention too small, data older than retention, retention.bytes over the disk…',
    default: 2,
  },
  'group-at-risk': {
    label: 'Consumer groups at risk',
    threshold: 'Lag in time as a share of retention.ms (e.g. 0.8)',
    hint: 'A group whose unread records are near (or past) deletion by retention.',
    default: 0.8,
  },
  'disk-full': {
    label: 'Disk filling up',
    threshold: 'Days until a log dir is full',
    hint: 'Only from enough sampling history (see Storage).',
    default: 14,
  },
  'under-replicated': {
    label: 'Under-replicated partitions',
    threshold: 'Partitions before it fires',
    hint: 'Partitions with fewer in-sync replicas than replicas.',
    default: 1,
  },
  'offline-partitions': {
    label: 'Offline partitions',
    threshold: 'Partitions before it fires',
    hint: 'Partitions without a leader.',
    default: 1,
  },
};

export const DESTINATIONS: Record<DestinationKind, string> = {
  slack: 'Slack webhook',
  teams: 'Microsoft Teams webhook',
  webhook: 'Generic JSON webhook',
  sns: 'Amazon SNS (the stack’s topic)',
};
