import { describe, expect, it } from 'vitest'
import { AppError } from './errors.ts'
import { loadConfig } from './config.ts'

const token = 'a-token-of-sufficient-length'

describe('loadConfig', () => {
  it('defaults to one local cluster on the embedded broker', () => {
    const config = loadConfig({ KAFKA_PLUS_TOKEN: token })
    expect(config.clusters).toEqual([{ id: 'local', name: 'local', brokers: ['127.0.0.1:9092'] }])
    expect(config.victoriaLogsUrl).toBe('http://127.0.0.1:9428')
    expect(config.tokens).toEqual([{ name: 'admin', role: 'admin', token }])
  })

  it('reads SASL/SCRAM and TLS for a single cluster from the environment', () => {
    const config = loadConfig({
      KAFKA_PLUS_TOKEN: token, KAFKA_BROKERS: 'b-1.example:9096, b-2.example:9096', KAFKA_CLUSTER_ID: 'prod',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_TLS: 'true',
    })
    expect(config.clusters[0]).toEqual({
      id: 'prod', name: 'prod', brokers: ['b-1.example:9096', 'b-2.example:9096'], tls: true,
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'u', password: 'p' },
    })
  })

  it('reads several clusters from KAFKA_PLUS_CLUSTERS, including MSK IAM', () => {
    const clusters = [
      { id: 'local', brokers: ['127.0.0.1:9092'] },
      { id: 'msk-prod', name: 'MSK prod', brokers: ['b-1.msk:9098'], tls: true, sasl: { mechanism: 'AWS_MSK_IAM', region: 'eu-west-1' } },
    ]
    const config = loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_CLUSTERS: JSON.stringify(clusters) })
    expect(config.clusters.map((c) => [c.id, c.name])).toEqual([['local', 'local'], ['msk-prod', 'MSK prod']])
    expect(config.clusters[1]?.sasl).toEqual({ mechanism: 'AWS_MSK_IAM', region: 'eu-west-1' })
  })

  it('reads a clusters file', () => {
    const config = loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_CLUSTERS_FILE: '/etc/clusters.json' }, (path) => {
      expect(path).toBe('/etc/clusters.json')
      return JSON.stringify([{ id: 'a', brokers: ['h:1'] }, { id: 'b', brokers: ['h:2'] }])
    })
    expect(config.clusters.map((c) => c.id)).toEqual(['a', 'b'])
  })

  it.each([
    ['no token', {}, /KAFKA_PLUS_TOKEN/],
    ['a short token', { KAFKA_PLUS_TOKEN: 'short' }, /at least 16/],
    ['duplicate cluster ids', { KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_CLUSTERS: '[{"id":"a","brokers":["h:1"]},{"id":"a","brokers":["h:2"]}]' }, /used twice/],
    ['a broker without port', { KAFKA_PLUS_TOKEN: token, KAFKA_BROKERS: 'localhost' }, /host:port/],
    ['broken JSON', { KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_CLUSTERS: '[{' }, /not valid JSON/],
    ['an unknown role', { KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_TOKENS: '[{"name":"x","role":"root","token":"0123456789abcdef0"}]' }, /role/],
  ])('rejects %s with CONFIG_INVALID', (_label, env, message) => {
    let caught: unknown
    try { loadConfig(env) } catch (error: unknown) { caught = error }
    expect(caught).toBeInstanceOf(AppError)
    expect((caught as AppError).code).toBe('CONFIG_INVALID')
    expect((caught as AppError).message).toMatch(message)
  })

  it('derives a session secret from the tokens unless one is given', () => {
    const a = loadConfig({ KAFKA_PLUS_TOKEN: token }).sessionSecret
    const b = loadConfig({ KAFKA_PLUS_TOKEN: `${token}-rotated` }).sessionSecret
    expect(a).not.toBe(b)
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_SESSION_SECRET: 'fixed' }).sessionSecret).toBe('fixed')
  })
})
