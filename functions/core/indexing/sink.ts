// The indexer's write path to VictoriaLogs: a whole batch as one JSON-lines body in one request.
// The shared client streams one chunk per document, which costs more than the indexing itself at
// tens of thousands of records a second (measured by `npm run bench indexing`); here the batch is
// already bytes (json-lines.ts) and goes out in one write. Errors map like the shared client's: unreachable → LOGS_UNAVAILABLE, 5xx
// retryable, so the indexer's retry and at-least-once logic is the same either way.
import { Agent, request, type Dispatcher } from 'undici'
import { AppError, logsUnavailable } from '../errors.ts'

const agents = new Map<string, Dispatcher>()

function agentFor(baseUrl: string): Dispatcher {
  let agent = agents.get(baseUrl)
  if (!agent) agents.set(baseUrl, agent = new Agent({ keepAliveTimeout: 30_000, connections: 8, connectTimeout: 3_000 }))
  return agent
}

/** Resolves once VictoriaLogs accepted every line of `body` (JSON lines). */
export async function insertLines(baseUrl: string, body: Buffer, streamFields: readonly string[]): Promise<void> {
  const params = new URLSearchParams({ _stream_fields: streamFields.join(',') })
  let response: Dispatcher.ResponseData
  try {
    response = await request(`${baseUrl}/insert/jsonline?${params}`, {
      dispatcher: agentFor(baseUrl),
      method: 'POST',
      body,
      headers: { 'content-type': 'application/stream+json' },
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    })
  } catch (error: unknown) {
    throw logsUnavailable(`VictoriaLogs at ${baseUrl} could not be reached.`, error)
  }
  if (response.statusCode >= 400) {
    const text = (await response.body.text()).trim().slice(0, 2_000)
    throw new AppError('LOGS_ERROR', `VictoriaLogs answered ${response.statusCode} to the insert: ${text}`, { status: 502, retryable: response.statusCode >= 500 })
  }
  await response.body.dump()
}
