// "Sample now" on AWS: the route invokes the sampler Lambda asynchronously. The Lambda client is
// the one thing stood in for (AWS); the app, auth and deps are the real ones.
import type { InvokeCommand } from '@aws-sdk/client-lambda'
import { afterAll, describe, expect, it } from 'vitest'
import { lambdaSampleNow, type LambdaSender, type SampleNowEvent } from '../aws/invoke-sampler.ts'
import { adminToken, bearer, operatorToken, testDeps, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const deps = testDeps()
afterAll(() => deps.close())

function stubLambda(answer: { StatusCode?: number } | Error = { StatusCode: 202 }) {
  const sent: InvokeCommand[] = []
  const client: LambdaSender = {
    send: async (command) => {
      sent.push(command)
      if (answer instanceof Error) throw answer
      return answer
    },
  }
  return { client, sent }
}

const post = (app: ReturnType<typeof createApp>, token: string, cluster = 'local') =>
  app.request(`/api/clusters/${cluster}/storage/sample`, { method: 'POST', headers: bearer(token) })

describe('POST /storage/sample on AWS', () => {
  it('invokes the sampler function with InvocationType Event and answers 202 at once', async () => {
    const lambda = stubLambda()
    const app = createApp({ ...deps, sampleNow: lambdaSampleNow('kafka-plus-prod-Sampler', lambda.client) })
    const response = await post(app, operatorToken)
    expect(response.status).toBe(202)
    expect(await response.json()).toMatchObject({ cluster: 'local', mode: 'lambda' })
    expect(lambda.sent).toHaveLength(1)
    const input = lambda.sent[0]?.input
    expect(input).toMatchObject({ FunctionName: 'kafka-plus-prod-Sampler', InvocationType: 'Event' })
    const event = JSON.parse(String(input?.Payload)) as SampleNowEvent
    expect(event).toMatchObject({ source: 'kafka-plus', task: 'sample', cluster: 'local' })
    expect(Date.parse(event.requestedAt)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('needs the operator role and a configured cluster; nothing is invoked otherwise', async () => {
    const lambda = stubLambda()
    const app = createApp({ ...deps, sampleNow: lambdaSampleNow('sampler', lambda.client) })
    expect((await post(app, viewerToken)).status).toBe(403)
    const missing = await post(app, adminToken, 'nowhere')
    expect(missing.status).toBe(404)
    expect((await missing.json() as { code: string }).code).toBe('CLUSTER_NOT_FOUND')
    expect(lambda.sent).toHaveLength(0)
  })

  it('reports a failed invocation and a missing function name as problems', async () => {
    const throttled = createApp({ ...deps, sampleNow: lambdaSampleNow('sampler', stubLambda(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' })).client) })
    const failed = await post(throttled, operatorToken)
    expect(failed.status).toBe(502)
    expect(await failed.json()).toMatchObject({ code: 'SAMPLER_INVOKE_FAILED', detail: expect.stringContaining('TooManyRequestsException') })

    const refused = createApp({ ...deps, sampleNow: lambdaSampleNow('sampler', stubLambda({ StatusCode: 400 }).client) })
    expect((await post(refused, operatorToken)).status).toBe(502)

    const unconfigured = createApp({ ...deps, sampleNow: lambdaSampleNow(undefined, stubLambda().client) })
    const answer = await post(unconfigured, operatorToken)
    expect(answer.status).toBe(503)
    expect((await answer.json() as { code: string }).code).toBe('SAMPLER_NOT_CONFIGURED')
  })
})
