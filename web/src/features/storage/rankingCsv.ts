import type { RankedTopic } from '../../api/storage';

/** One CSV cell: quoted when it must be, and text a spreadsheet would run as a formula made inert. */
function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The disk ranking as shown (same rows, same order), one topic a line, bytes per broker in columns of their own. */
export function rankingCsv(items: RankedTopic[], brokers: number[]): string {
  const ids = [...new Set([...brokers, ...items.flatMap((t) => Object.keys(t.brokers).map(Number))])].sort((a, b) => a - b);
  const head = [
    'topic', 'internal', 'bytes', 'leader_bytes', 'complete', 'partitions', 'replication_factor', 'messages',
    'broker_skew', 'retention_ms', 'retention_bytes', 'cleanup_policy', 'oldest_timestamp', ...ids.map((b) => `broker_${b}_bytes`),
  ];
  const rows = items.map((t) => [
    t.topic, t.internal, t.bytes, t.leaderBytes, t.complete, t.partitions, t.replicationFactor, t.messages,
    t.brokerSkew === null ? null : Number(t.brokerSkew.toFixed(4)), t.retentionMs, t.retentionBytes, t.cleanupPolicy, t.oldestTimestamp,
    ...ids.map((b) => t.brokers[String(b)] ?? null),
  ]);
  return [head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
