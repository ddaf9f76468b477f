// Live-tail settings: on Lambda a stream ends well inside the function timeout and the
// response-streaming limits; elsewhere it runs longer and unmetered.
import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'

const token = 'a-token-of-sufficient-length'

describe('live-tail configuration', () => {
  it('on Lambda: streams of at most 120 s by default, inside the streaming limits (200 MB; 6 MB, then 2 MB/s)', () => {
    const config = loadConfig({ KAFKA_PLUS_TOKEN: token, AWS_LAMBDA_FUNCTION_NAME: 'kafka-plus-prod-Api' })
    expect(config.tailMaxDurationMs).toBeLessThanOrEqual(120_000)
    const limits = config.tailStreamLimits
    expect(limits).toBeDefined()
    expect(limits?.maxBytes).toBeLessThan(200 * 1024 * 1024)
    // The burst plus StreamBudget's bucket (a third of a second at the rate) stays under 6 MB, the rate under 2 MB/s.
    expect((limits?.burstBytes ?? Infinity) + (limits?.bytesPerSec ?? Infinity) / 3).toBeLessThan(6 * 1024 * 1024)
    expect(limits?.bytesPerSec).toBeLessThan(2 * 1024 * 1024)
  })

  it('elsewhere: 5 minutes, no streaming limits; KAFKA_PLUS_TAIL_MAX_MS wins everywhere', () => {
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token })).toMatchObject({ tailMaxDurationMs: 300_000, tailStreamLimits: undefined })
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, AWS_LAMBDA_FUNCTION_NAME: 'f', KAFKA_PLUS_TAIL_MAX_MS: '60000' }).tailMaxDurationMs).toBe(60_000)
  })
})
