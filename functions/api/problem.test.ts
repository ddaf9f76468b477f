import { describe, expect, it } from 'vitest'
import {
  AppError, clusterNotFound, configError, crossSiteRefused, forbidden, invalidInput, kafkaUnavailable,
  logsUnavailable, routeNotFound, topicNotFound, unauthenticated,
} from '../core/errors.ts'
import { problemContentType, problemResponse, toProblem } from './problem.ts'

const silent = () => {}

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
    [configError('broken'), 500, 'CONFIG_INVALID', false],
    [kafkaUnavailable('down'), 503, 'KAFKA_UNAVAILABLE', true],
    [logsUnavailable('down'), 503, 'LOGS_UNAVAILABLE', true],
  ])('%s', (error, status, code, retryable) => {
    const problem = toProblem(error, silent)
    expect(problem).toMatchObject({ status, code, retryable, detail: error.message })
    expect(problem.type).toMatch(/^https:\/\/kafka-plus\.dev\/problems\/[a-z-]+$/)
    expect(problem.title).toBeTruthy()
  })

  it('hides unknown errors behind INTERNAL and reports them', () => {
    const reported: unknown[] = []
    const problem = toProblem(new TypeError('secret stack detail'), (e) => reported.push(e))
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL' })
    expect(JSON.stringify(problem)).not.toContain('secret stack detail')
    expect(reported).toHaveLength(1)
  })

  it('keeps extra fields such as validation issues, without letting them override the basics', () => {
    const problem = toProblem(invalidInput('Invalid topic: name: required', [{ path: 'name', message: 'required' }]), silent)
    expect(problem.issues).toEqual([{ path: 'name', message: 'required' }])
    const sneaky = toProblem(new AppError('X', 'm', { status: 400, extra: { status: 200, code: 'OK' } }), silent)
    expect(sneaky).toMatchObject({ status: 400, code: 'X' })
  })

  it('renders application/problem+json', async () => {
    const response = problemResponse(toProblem(topicNotFound('t'), silent))
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe(problemContentType)
    expect(await response.json()).toMatchObject({ code: 'TOPIC_NOT_FOUND' })
  })
})
