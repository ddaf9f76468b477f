import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { checkTopicConfigRules, topicConfigProblems } from './config-rules.ts'

describe('topic config rules', () => {
  it('refuse min.insync.replicas above the replication factor: acks=all producers could never write', () => {
    expect(topicConfigProblems({ replicationFactor: 1, configs: { 'min.insync.replicas': '2' } })).toEqual([
      expect.stringMatching(/min\.insync\.replicas=2 is above the replication factor 1.*acks=all/),
    ])
    expect(topicConfigProblems({ replicationFactor: 3, configs: { 'min.insync.replicas': '4', 'retention.ms': '1000' } })).toHaveLength(1)
  })

  it('accept min.insync.replicas up to the replication factor, and configs without it', () => {
    expect(topicConfigProblems({ replicationFactor: 3, configs: { 'min.insync.replicas': '3' } })).toEqual([])
    expect(topicConfigProblems({ replicationFactor: 3, configs: { 'min.insync.replicas': ' 2 ' } })).toEqual([])
    expect(topicConfigProblems({ replicationFactor: 1, configs: { 'retention.ms': '1000' } })).toEqual([])
    // Not a number: Kafka's own validation answers that one (INVALID_CONFIG), with its reason.
    expect(topicConfigProblems({ replicationFactor: 1, configs: { 'min.insync.replicas': 'two' } })).toEqual([])
  })

  it('throw INVALID_TOPIC_CONFIG (400) listing the problems', () => {
    let caught: unknown
    try { checkTopicConfigRules({ replicationFactor: 2, configs: { 'min.insync.replicas': '3' } }) } catch (error: unknown) { caught = error }
    expect(caught).toBeInstanceOf(AppError)
    expect(caught).toMatchObject({ code: 'INVALID_TOPIC_CONFIG', status: 400, extra: { problems: [expect.stringContaining('replication factor 2')] } })
    expect(() => checkTopicConfigRules({ replicationFactor: 2, configs: { 'min.insync.replicas': '2' } })).not.toThrow()
  })
})
