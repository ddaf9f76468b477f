import { request, seg } from './http';
import type { AlertHistory, AlertHistoryEntry, AlertKind, AlertRule, AlertRuleInput, AlertRules, AlertTestResult, DestinationKind } from './contract';

export type { AlertHistory, AlertHistoryEntry, AlertKind, AlertRule, AlertRuleInput, AlertRules, DestinationKind };

const base = (cluster: string) => `/api/clusters/${seg(cluster)}/alerts`;

export function getAlertRules(cluster: string): Promise<AlertRules> {
  return request<AlertRules>(`${base(cluster)}/rules`);
}

export function saveAlertRule(cluster: string, id: string, rule: AlertRuleInput): Promise<AlertRule> {
  return request<AlertRule>(`${base(cluster)}/rules/${seg(id)}`, { method: 'PUT', body: rule });
}

export function deleteAlertRule(cluster: string, id: string): Promise<void> {
  return request<void>(`${base(cluster)}/rules/${seg(id)}`, { method: 'DELETE' });
}

export function testAlertRule(cluster: string, id: string): Promise<AlertTestResult> {
  return request<AlertTestResult>(`${base(cluster)}/rules/${seg(id)}/test`, { method: 'POST' });
}

export function getAlertHistory(cluster: string, limit = 100): Promise<AlertHistory> {
  return request<AlertHistory>(`${base(cluster)}/history`, { query: { limit } });
}
