import { afterAll, describe, expect, it } from 'vitest'
import { testDeps } from '../testing/stack.ts'
import { createApp } from './app.ts'

const healthy = testDeps()
// Nothing listens on port 9 (discard) here: both dependencies are down for this instance.
const broken = testDeps({ KAFKA_BROKERS: '127.0.0.1:9', VICTORIALOGS_URL: 'http://127.0.0.1:9' })
afterAll(() => Promise.all([healthy.close(), broken.close()]))

describe('GET /api/health', () => {
  it('reports Kafka and VictoriaLogs ok on the real local stack, without credentials', async () => {
    const response = await createApp(healthy).request('/api/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', kafka: { local: 'ok' }, victorialogs: 'ok' })
  })

  it('reports degraded, per dependency, when they cannot be reached', async () => {
    const response = await createApp(broken).request('/api/health')
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ status: 'degraded', kafka: { local: 'error' }, victorialogs: 'error' })
  })

  it('maps an unreachable broker on a real route to KAFKA_UNAVAILABLE', async () => {
    const { adminToken } = await import('../testing/stack.ts')
    const response = await createApp(broken).request('/api/clusters/local/topics', { headers: { authorization: `Bearer ${adminToken}` } })
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ code: 'KAFKA_UNAVAILABLE', retryable: true })
  })
})
