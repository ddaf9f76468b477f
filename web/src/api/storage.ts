import { buildUrl, request, requestBlob, seg } from './http';
import type {
  AuditReport,
  BrokerHistory,
  BrokerStorage,
  Finding,
  ForecastModel,
  LogDirWithGrowth,
  RankedTopic,
  RankingSort,
  RetentionChange,
  RetentionChangeResult,
  SampleHeader,
  SampleNote,
  SampleNowAccepted,
  Severity,
  StoragePrice,
  TimeWindow,
  TopicHistory,
  TopicLayout,
  TopicRanking,
  TtlAdvice,
  WindowInput,
} from './contract';

export type {
  AuditReport,
  BrokerHistory,
  BrokerStorage,
  Finding,
  ForecastModel,
  LogDirWithGrowth,
  RankedTopic,
  RankingSort,
  SampleHeader,
  SampleNote,
  Severity,
  TopicHistory,
  TopicLayout,
  TopicRanking,
  TtlAdvice,
};

/** A window's bounds: RFC 3339, or epoch milliseconds as a number. */
export type Window = { [K in keyof WindowInput]?: WindowInput[K] | number };

const base = (cluster: string) => `/api/clusters/${seg(cluster)}/storage`;

// ---------- ranking ----------

export function getRanking(cluster: string, sort: RankingSort, signal?: AbortSignal): Promise<TopicRanking> {
  return request<TopicRanking>(`${base(cluster)}/topics`, { query: { sort, limit: 100_000 }, signal });
}

/** The storage price per GB-month the costs are figured at, with its source. */
export function getStoragePrice(cluster: string, signal?: AbortSignal): Promise<StoragePrice> {
  return request<StoragePrice>(`${base(cluster)}/price`, { signal });
}

// ---------- brokers ----------

export function getBrokerStorage(cluster: string, window: Window, signal?: AbortSignal): Promise<BrokerStorage> {
  return request<BrokerStorage>(`${base(cluster)}/brokers`, { query: { ...window }, signal });
}

export function getBrokerHistory(cluster: string, broker: number, window: Window, signal?: AbortSignal): Promise<BrokerHistory> {
  return request<BrokerHistory>(`${base(cluster)}/brokers/${broker}/history`, { query: { ...window }, signal });
}

// ---------- one topic ----------

const topicBase = (cluster: string, topic: string) => `${base(cluster)}/topics/${seg(topic)}`;

export function getTopicHistory(cluster: string, topic: string, window: Window, signal?: AbortSignal): Promise<TopicHistory> {
  return request<TopicHistory>(`${topicBase(cluster, topic)}/history`, { query: { ...window }, signal });
}

export function getTopicLayout(cluster: string, topic: string, signal?: AbortSignal): Promise<TopicLayout> {
  return request<TopicLayout>(`${topicBase(cluster, topic)}/layout`, { signal });
}

export function getTtlAdvice(cluster: string, topic: string, window: Window, signal?: AbortSignal): Promise<TtlAdvice> {
  return request<TtlAdvice>(`${topicBase(cluster, topic)}/ttl-advice`, { query: { ...window }, signal });
}

/** Sends back the window the advice was computed over: operators may apply only that advice. */
export function applyTtlAdvice(cluster: string, topic: string, set: RetentionChange['set'], window?: TimeWindow): Promise<RetentionChangeResult> {
  const body: RetentionChange = { set, ...(window ? { window } : {}) };
  return request<RetentionChangeResult>(`${topicBase(cluster, topic)}/ttl-advice/apply`, { method: 'POST', body });
}

// ---------- sample now ----------

export function sampleNow(cluster: string): Promise<SampleNowAccepted> {
  return request<SampleNowAccepted>(`${base(cluster)}/sample`, { method: 'POST' });
}

// ---------- audit ----------

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
