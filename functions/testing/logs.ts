import type { VictoriaLogsClient } from '../core/victorialogs/index.ts'

/**
 * Newly written lines become searchable after a short delay: re-run the query until `done`
 * accepts the rows (or time runs out, returning the last rows for the assertion to report).
 */
export async function queryUntil(
  client: VictoriaLogsClient, query: string,
  done: (rows: Record<string, unknown>[]) => boolean, timeoutMs = 15_000,
): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const rows: Record<string, unknown>[] = []
    for await (const row of client.queryRows(query)) rows.push(row)
    if (done(rows) || Date.now() > deadline) return rows
    await new Promise((r) => setTimeout(r, 250))
  }
}
