// VictoriaLogs, the one way in: the client (pooled, streaming), the LogsQL builders, and the
// error mapping every caller shares.
export { VictoriaLogsClient, type FacetsResponse, type HitsOptions, type HitsResponse, type InsertOptions, type QueryBody, type QueryOptions, type Row } from './client.ts'
export { exactFilter, logsqlString, streamFilter, type StreamFilterValue } from './logsql.ts'
export type { StorageState } from './storage-state.ts'
