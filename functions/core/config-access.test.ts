// Configuration of the access limits: which proxy headers are trusted, and warnings about weak tokens.
import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'

const token = 'a-token-of-sufficient-length-0123456789'

describe('loadConfig: access settings', () => {
  it('trusts no proxy headers unless KAFKA_PLUS_TRUST_PROXY says how many proxies are in front', () => {
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token }).trustedProxies).toBe(0)
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_TRUST_PROXY: 'false' }).trustedProxies).toBe(0)
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_TRUST_PROXY: 'true' }).trustedProxies).toBe(1)
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_TRUST_PROXY: '2' }).trustedProxies).toBe(2)
    expect(() => loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_TRUST_PROXY: 'yes please' })).toThrow(/KAFKA_PLUS_TRUST_PROXY/)
  })

  it('accepts tokens of 16 to 31 characters for existing deployments, with a warning naming the token', () => {
    const config = loadConfig({
      KAFKA_PLUS_TOKEN: '0123456789abcdef',
      KAFKA_PLUS_TOKENS: JSON.stringify([{ name: 'vera', role: 'viewer', token: 'v'.repeat(31) }, { name: 'olive', role: 'operator', token: 'o'.repeat(32) }]),
    })
    expect(config.tokens).toHaveLength(3)
    expect(config.warnings).toEqual([
      expect.stringMatching(/token of 'admin' has 16 characters; use at least 32/),
      expect.stringMatching(/token of 'vera' has 31 characters/),
    ])
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token }).warnings).toEqual([])
  })
})
