import { AuthenticationError, MultipleErrors, NetworkError, ProtocolError, ResponseError, TimeoutError, UserError } from '@platformatic/kafka'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors.ts'
import { errorName, mapKafkaError } from './errors.ts'

const map = (error: unknown) => mapKafkaError(error, 'Doing things', 'local')

describe('mapKafkaError', () => {
  it.each([
    ['UNKNOWN_TOPIC_OR_PARTITION', 404, 'TOPIC_NOT_FOUND'],
    ['TOPIC_ALREADY_EXISTS', 409, 'TOPIC_EXISTS'],
    ['INVALID_PARTITIONS', 400, 'INVALID_INPUT'],
    ['INVALID_REPLICATION_FACTOR', 400, 'INVALID_INPUT'],
    ['INVALID_CONFIG', 400, 'INVALID_INPUT'],
    ['POLICY_VIOLATION', 400, 'POLICY_VIOLATION'],
    ['TOPIC_AUTHORIZATION_FAILED', 403, 'KAFKA_NOT_AUTHORIZED'],
    ['NON_EMPTY_GROUP', 409, 'GROUP_NOT_EMPTY'],
    ['GROUP_ID_NOT_FOUND', 404, 'GROUP_NOT_FOUND'],
    ['UNKNOWN_SERVER_ERROR', 502, 'KAFKA_ERROR'],
  ])('protocol error %s → %i %s', (apiId, status, code) => {
    const mapped = map(new ProtocolError(apiId, 'server says so'))
    expect(mapped).toMatchObject({ status, code })
    expect(mapped.extra).toEqual({ kafkaError: apiId })
    expect(mapped.message).toContain('server says so')
  })

  it('finds the protocol error inside a per-item ResponseError', () => {
    const error = new ResponseError(19, 7, { '/topics/0': [36, 'Topic already exists.'] }, {})
    expect(map(error)).toMatchObject({ status: 409, code: 'TOPIC_EXISTS' })
  })

  it('marks retriable protocol errors retryable', () => {
    expect(map(new ProtocolError('NOT_LEADER_OR_FOLLOWER')).retryable).toBe(true)
    expect(map(new ProtocolError('TOPIC_ALREADY_EXISTS')).retryable).toBe(false)
  })

  it.each([
    ['a network error', new NetworkError('Connection refused')],
    ['a timeout', new TimeoutError('Request timed out')],
    ['retries exhausted', new MultipleErrors('metadata failed 3 times.', [new NetworkError('refused'), new NetworkError('refused')])],
  ])('%s → 503 KAFKA_UNAVAILABLE, retryable', (_label, error) => {
    expect(map(error)).toMatchObject({ status: 503, code: 'KAFKA_UNAVAILABLE', retryable: true })
  })

  it('maps authentication failures and client-side validation', () => {
    expect(map(new AuthenticationError('SASL failed'))).toMatchObject({ status: 502, code: 'KAFKA_AUTH_FAILED' })
    expect(map(new UserError('/options/partitions must be >= 1'))).toMatchObject({ status: 400, code: 'INVALID_INPUT' })
  })

  it('passes typed errors through and wraps the unknown', () => {
    const typed = new AppError('TOPIC_EXISTS', 'y', { status: 418 })
    expect(map(typed)).toBe(typed)
    expect(map(new Error('weird'))).toMatchObject({ status: 502, code: 'KAFKA_ERROR' })
  })
})

describe('errorName', () => {
  it('names per-item error codes as the protocol does', () => {
    expect(errorName(6)).toBe('NOT_LEADER_OR_FOLLOWER')
    expect(errorName(3)).toBe('UNKNOWN_TOPIC_OR_PARTITION')
    expect(errorName(32_000)).toBe('KAFKA_ERROR_32000')
  })
})
