// Which cluster an MSK batch belongs to: one indexer function serves every cluster's mappings.
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../core/config.ts'
import { clusterOfEvent } from './lambda.ts'

const arn = (name: string) => `arn:aws:kafka:eu-west-1:123456789012:cluster/${name}/a1b2c3d4-0000-4000-8000-000000000001-2`
const env = { KAFKA_PLUS_TOKEN: 'a-token-of-sufficient-length' }
const clusters = (extra: Record<string, string> = {}) => loadConfig({
  ...env, ...extra,
  KAFKA_PLUS_CLUSTERS: JSON.stringify([{ id: 'prod', brokers: ['b-1.prod:9098'], mskClusterArn: arn('prod') }, { id: 'dev', brokers: ['b-1.dev:9098'], mskClusterArn: arn('dev') }]),
})

describe('the cluster of an MSK batch', () => {
  it('is the one whose mskClusterArn is the event source', () => {
    expect(clusterOfEvent(clusters(), { eventSourceArn: arn('dev') })).toBe('dev')
    expect(clusterOfEvent(clusters({ KAFKA_PLUS_INDEXER_CLUSTER: 'prod' }), { eventSourceArn: arn('dev') })).toBe('dev')
  })

  it('falls back to KAFKA_PLUS_INDEXER_CLUSTER or the only cluster, and names an unknown source', () => {
    expect(clusterOfEvent(clusters({ KAFKA_PLUS_INDEXER_CLUSTER: 'prod' }), { eventSourceArn: arn('other') })).toBe('prod')
    expect(clusterOfEvent(loadConfig(env), { eventSourceArn: arn('other') })).toBe('local')
    expect(() => clusterOfEvent(clusters(), { eventSourceArn: arn('other') })).toThrow(/cluster\/other/)
  })
})
