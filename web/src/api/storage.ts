import { buildUrl, request, requestBlob, seg } from './http';

// ---------- shared ----------

export interface SizesAvailability {
  available: boolean;
  code?: string;
  message?: string;
}

export interface SampleNote {
  source: 'logDirs' | 'offsets' | 'configs' | 'groups' | string;
  broker?: number;
  code: string;
  message: string;
}

/** Which sample a view is based on, and what that sample could not see. */
export interface SampleHeader {
  sampledAt: string | null;
  sampleId: string | null;
  partial: boolean;
  durationMs: number | null;
  sizes: SizesAvailability;
  /** Brokers that did not answer: their numbers are unknown, not zero. */
  unknownBrokers: number[];
  notes: SampleNote[];
}

export interface Window {
  start?: string | number;
  end?: string | number;
}

const base = (cluster: string) => `/api/clusters/${seg(cluster)}/storage`;

// ---------- ranking ----------

export interface RankedTopic {
  topic: string;
  internal: boolean;
  /** All replicas; a lower bound when `complete` is false; null when sizes are unavailable. */
  bytes: number | null;
  leaderBytes: number | null;
  partitions: number;
  replicationFactor: number;
  brokers: Record<string, number>;
  complete: boolean;
  unknownReplicas: number;
  messages: number | null;
  brokerSkew: number | null;
  replicaSkew: number | null;
  oldestTimestamp: string | null;
  retentionMs: number | null;
  retentionBytes: number | null;
  segmentBytes: number | null;
  segmentMs: number | null;
  cleanupPolicy: string | null;
}

export interface Ranking extends SampleHeader {
  totals: { bytes: number; leaderBytes: number; topics: number };
  total: number;
  items: RankedTopic[];
}

export type RankingSort = 'bytes' | 'leaderBytes' | 'messages';

export function getRanking(cluster: string, sort: RankingSort, signal?: AbortSignal): Promise<Ranking> {
  return request<Ranking>(`${base(cluster)}/topics`, { query: { sort, limit: 100_000 }, signal });
}

// ---------- brokers ----------

export interface LogDirView {
  path: string;
  bytes: number | null;
  totalBytes: number | null;
  usableBytes: number | null;
  volumeUsedBytes: number | null;
  partitions: number | null;
  error: string | null;
  growthBytesPerDay: number | null;
  growthSpanMs: number;
  daysUntilFull: number | null;
}

export interface BrokerView {
  broker: number;
  host: string;
  port: number | null;
  state: 'ok' | 'unknown';
  code?: string;
  message?: string;
  bytes: number | null;
  logDirs: LogDirView[];
}

export interface BrokerStorage extends SampleHeader {
  window: { start: string; end: string };
  items: BrokerView[];
  skew: { brokers: number; meanBytes: number; maxBytes: number; minBytes: number; ratio: number; unknownBrokers: number } | null;
}

export function getBrokerStorage(cluster: string, window: Window, signal?: AbortSignal): Promise<BrokerStorage> {
  return request<BrokerStorage>(`${base(cluster)}/brokers`, { query: { ...window }, signal });
}

export interface BrokerHistory {
  broker: number;
  step: string | null;
  logDirs: {
    path: string;
    points: { time: string; bytes: number; usableBytes: number | null; totalBytes: number | null }[];
    growth: { bytesPerDay: number | null; points: number; spanMs: number };
    usableBytes: number | null;
    daysUntilFull: number | null;
  }[];
}

export function getBrokerHistory(cluster: string, broker: number, window: Window, signal?: AbortSignal): Promise<BrokerHistory> {
  return request<BrokerHistory>(`${base(cluster)}/brokers/${broker}/history`, { query: { ...window }, signal });
}

// ---------- one topic ----------

export interface Forecast {
  model: 'time' | 'size' | 'unbounded' | 'compacted' | 'unknown';
  steadyStateBytes: number | null;
  reachedInDays: number | null;
  in30DaysBytes: number | null;
  explanation: string;
}

export interface RetentionSettings {
  retentionMs: number | null;
  retentionBytes: number | null;
  segmentBytes: number | null;
  segmentMs: number | null;
  cleanupPolicy: string | null;
}

export interface TopicHistory {
  topic: string;
  step: string | null;
  points: { time: string; bytes: number; leaderBytes: number | null }[];
  growthBytesPerDay: number | null;
  growth: { bytesPerDay: number | null; points: number; spanMs: number };
  ingest: { messagesPerDay: number | null; bytesPerMessage: number | null; bytesPerDay: number | null };
  current: { sampledAt: string | null; bytes: number | null; partitions: number; replicationFactor: number; complete: boolean } | null;
  retention: RetentionSettings | null;
  forecast: Forecast | null;
}

const topicBase = (cluster: string, topic: string) => `${base(cluster)}/topics/${seg(topic)}`;

export function getTopicHistory(cluster: string, topic: string, window: Window, signal?: AbortSignal): Promise<TopicHistory> {
  return request<TopicHistory>(`${topicBase(cluster, topic)}/history`, { query: { ...window }, signal });
}

export interface ReplicaLayout {
  broker: number;
  logDir: string | null;
  bytes: number | null;
  leader: boolean;
  estimatedSegments: number | null;
  offsetLag: number | null;
  future: boolean;
}

export interface PartitionLayout {
  partition: number;
  leader: number | null;
  earliestOffset: string | null;
  latestOffset: string | null;
  messages: number | null;
  oldestTimestamp: string | null;
  oldestAgeMs: number | null;
  newestTimestamp: string | null;
  replicas: ReplicaLayout[];
}

export interface TopicLayout extends SampleHeader {
  topic: string;
  bytes: number | null;
  leaderBytes: number | null;
  replicationFactor: number;
  complete: boolean;
  retention: RetentionSettings;
  partitions: PartitionLayout[];
}

export function getTopicLayout(cluster: string, topic: string, signal?: AbortSignal): Promise<TopicLayout> {
  return request<TopicLayout>(`${topicBase(cluster, topic)}/layout`, { signal });
}

export interface TtlAdvice {
  topic: string;
  sampledAt: string | null;
  window: { start: string; end: string };
  status: 'keep' | 'raise' | 'lower' | 'conflict' | 'insufficient-data';
  current: { retentionMs: number | null; retentionBytes: number | null };
  suggested: { retentionMs: number | null; retentionBytes: number | null };
  change: { set: Record<string, string> } | null;
  reasoning: string[];
  inputs: {
    slowestGroup: string | null;
    maxLagMs: number | null;
    lagNeedMs: number | null;
    ingestBytesPerDay: number | null;
    diskMaxRetentionMs: number | null;
    safetyFactor: number;
    budgetShare: number;
    steadyStateBytesAtSuggested: number | null;
  };
}

export function getTtlAdvice(cluster: string, topic: string, window: Window, signal?: AbortSignal): Promise<TtlAdvice> {
  return request<TtlAdvice>(`${topicBase(cluster, topic)}/ttl-advice`, { query: { ...window }, signal });
}

export interface AppliedRetention {
  topic: string;
  applied: Record<string, string>;
  before: Record<string, string | null>;
  after: Record<string, string | null>;
}

/** Sends back the window the advice was computed over: operators may apply only that advice. */
export function applyTtlAdvice(cluster: string, topic: string, set: Record<string, string>, window?: { start: string; end: string }): Promise<AppliedRetention> {
  return request<AppliedRetention>(`${topicBase(cluster, topic)}/ttl-advice/apply`, { method: 'POST', body: { set, ...(window ? { window } : {}) } });
}

// ---------- sample now ----------

export interface SampleNowResult {
  cluster: string;
  mode: 'in-process' | 'lambda';
  requestedAt: string;
  joined?: boolean;
}

export function sampleNow(cluster: string): Promise<SampleNowResult> {
  return request<SampleNowResult>(`${base(cluster)}/sample`, { method: 'POST' });
}

// ---------- audit ----------

export type Severity = 'info' | 'warning' | 'critical';

export interface Finding {
  rule: string;
  severity: Severity;
  topic?: string;
  group?: string;
  broker?: number;
  logDir?: string;
  message: string;
  evidence: Record<string, number | string | boolean | null>;
  suggestion?: string;
}

export interface AuditReport {
  id: string;
  cluster: string;
  generatedAt: string;
  sampledAt: string | null;
  partial: boolean;
  sizesAvailable: boolean;
  findings: Finding[];
  summary: { critical: number; warning: number; info: number };
}

export function getAudit(cluster: string, signal?: AbortSignal): Promise<AuditReport> {
  return request<AuditReport>(`${base(cluster)}/audit`, { signal });
}

export function runAudit(cluster: string): Promise<AuditReport> {
  return request<AuditReport>(`${base(cluster)}/audit`, { method: 'POST', body: {} });
}

export function exportAudit(cluster: string, format: 'json' | 'csv'): Promise<Blob> {
  return requestBlob(buildUrl(`${base(cluster)}/audit`, { format, download: 'true' }), {
    accept: format === 'csv' ? 'text/csv' : 'application/json',
  });
}
