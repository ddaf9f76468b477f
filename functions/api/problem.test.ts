import { describe, expect, it } from 'vitest'
import {
  AppError, clusterNotFound, configError, crossSiteRefused, forbidden, invalidInput, kafkaUnavailable,
  logsUnavailable, payloadTooLarge, recordTooLarge, routeNotFound, schemaMismatch, tooManyRequests, topicNotFound, unauthenticated,
  type ProblemExtras,
} from '../core/errors.ts'
import { problemContentType, problemResponse, toProblem } from './problem.ts'

const silent = () => {}
/** Extras the types do not allow, as a careless caller (or plain JavaScript) could still pass them. */
const untypedExtras = (extra: Record<string, unknown>) => extra as ProblemExtras

describe('toProblem maps each typed error to its status and stable code', () => {
  it.each([
    [invalidInput('bad'), 400, 'INVALID_INPUT', false],
    [unauthenticated(), 401, 'UNAUTHENTICATED', false],
    [forbidden('no'), 403, 'FORBIDDEN', false],
    [crossSiteRefused(), 403, 'CROSS_SITE_REQUEST', false],
    [clusterNotFound('x'), 404, 'CLUSTER_NOT_FOUND', false],
    [topicNotFound('t'), 404, 'TOPIC_NOT_FOUND', false],
    [routeNotFound('GET /api/x'), 404, 'NOT_FOUND', false],
    [new AppError('GROUP_NOT_EMPTY', 'busy', { status: 409 }), 409, 'GROUP_NOT_EMPTY', false],
    [payloadTooLarge(65_536), 413, 'PAYLOAD_TOO_LARGE', false],
    [tooManyRequests('slow down', 30), 429, 'TOO_MANY_REQUESTS', true],
    [new AppError('INVALID_TOPIC_CONFIG', 'mis > rf', { status: 400 }), 400, 'INVALID_TOPIC_CONFIG', false],
    [schemaMismatch('value.amount: expected int', [{ path: 'value.amount', message: 'expected int' }]), 400, 'SCHEMA_MISMATCH', false],
    [recordTooLarge('too large', 1024), 400, 'RECORD_TOO_LARGE', false],
    [new AppError('ALERT_RULE_NOT_FOUND', 'no such rule', { status: 404 }), 404, 'ALERT_RULE_NOT_FOUND', false],
  ])('%s', (error, status, code, retryable) => {
    const problem = toProblem(error, silent)
    expect(problem).toMatchObject({ status, code, retryable, detail: error.message })
    expect(problem.type).toMatch(/^https:\/\/kafka-plus\.dev\/problems\/[a-z-]+$/)
    expect(problem.title).toBeTruthy()
    expect(problem).not.toHaveProperty('errorId')
  })

  // Issue 11, row 13: viewers saw the internal VictoriaLogs URL and raw broker messages.
  it.each([
    [configError('KAFKA_PLUS_CLUSTERS is not valid JSON: Unexpected token, "[{"password":"s3cret"..." is not valid JSON'), 500, 'CONFIG_INVALID', false, 's3cret'],
    [kafkaUnavailable("Kafka cluster 'local' could not be reached for Listing topics."), 503, 'KAFKA_UNAVAILABLE', true, null],
    [logsUnavailable('VictoriaLogs at http://10.0.3.7:9428 could not be reached.'), 503, 'LOGS_UNAVAILABLE', true, '10.0.3.7'],
    [new AppError('LOGS_ERROR', 'VictoriaLogs at http://10.0.3.7:9428 answered 500: panic in storage', { status: 502, retryable: true }), 502, 'LOGS_ERROR', true, 'panic'],
    [new AppError('KAFKA_ERROR', "Deleting failed on cluster 'local' (UNKNOWN_SERVER_ERROR: NullPointerException at kafka.server)", { status: 502, extra: { kafkaError: 'UNKNOWN_SERVER_ERROR' } }), 502, 'KAFKA_ERROR', false, 'NullPointerException'],
    [new AppError('QUERY_TIMEOUT', 'The search took too long.', { status: 504, retryable: true, extra: untypedExtras({ upstream: 'raw text from http://10.0.3.7:9428' }) }), 504, 'QUERY_TIMEOUT', true, '10.0.3.7'],
  ])('%s: 5xx carry an errorId, logged with the full error; internal text stays in the log', (error, status, code, retryable, secret) => {
    const reported: unknown[] = []
    const problem = toProblem(error, (e) => reported.push(e))
    expect(problem).toMatchObject({ status, code, retryable, errorId: expect.stringMatching(/^[0-9a-f]{12}$/) })
    expect(problem.detail).toContain(`error id ${problem.errorId as string}`)
    if (secret) expect(JSON.stringify(problem)).not.toContain(secret)
    expect(reported).toHaveLength(1)
    const logged = reported[0] as Error
    expect(logged.message).toContain(problem.errorId)
    expect(logged.message).toContain(error.message)
    expect(toProblem(error, silent).errorId).not.toBe(problem.errorId)
  })

  it('keeps the product\'s own wording of a broker outage, which names no address', () => {
    expect(toProblem(kafkaUnavailable("Kafka cluster 'local' could not be reached for Listing topics."), silent).detail)
      .toMatch(/^Kafka cluster 'local' could not be reached for Listing topics\. \(error id [0-9a-f]{12}\)$/)
    expect(toProblem(logsUnavailable('VictoriaLogs at http://10.0.3.7:9428 could not be reached.'), silent).detail)
      .toMatch(/^VictoriaLogs could not be reached; try again shortly\. \(error id [0-9a-f]{12}\)$/)
  })

  it('sends Retry-After with a 429', () => {
    const response = problemResponse(toProblem(tooManyRequests('slow down', 30), silent))
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('30')
  })

  it('hides unknown errors behind INTERNAL and reports them', () => {
    const reported: unknown[] = []
    const problem = toProblem(new TypeError('secret stack detail'), (e) => reported.push(e))
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL' })
    expect(JSON.stringify(problem)).not.toContain('secret stack detail')
    expect(reported).toHaveLength(1)
    expect(String((reported[0] as Error).cause)).toContain('secret stack detail')
  })

  it('keeps extra fields such as validation issues, without letting them override the basics', () => {
    const problem = toProblem(invalidInput('Invalid topic: name: required', [{ path: 'name', message: 'required' }]), silent)
    expect(problem.issues).toEqual([{ path: 'name', message: 'required' }])
    const sneaky = toProblem(new AppError('INVALID_INPUT', 'm', { status: 400, extra: untypedExtras({ status: 200, code: 'OK' }) }), silent)
    expect(sneaky).toMatchObject({ status: 400, code: 'INVALID_INPUT' })
  })

  it('renders application/problem+json', async () => {
    const response = problemResponse(toProblem(topicNotFound('t'), silent))
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe(problemContentType)
    expect(await response.json()).toMatchObject({ code: 'TOPIC_NOT_FOUND' })
  })
})
