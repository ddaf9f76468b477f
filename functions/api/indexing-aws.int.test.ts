// The indexing API in "AWS mode": the plan in a DynamoDB table (moto's server, reached through
// AWS_ENDPOINT_URL as on Lambda), each topic's MSK event source mapping through the Lambda fake
// injected in the deps, the real Kafka and VictoriaLogs. Enabling, pausing, resizing and removing
// a topic over HTTP, with the mapping calls, the table's items and the audit records; a concurrent
// change (409), a cluster without an MSK ARN (409), and a Lambda without a plan table (503).
import { GetItemCommand } from '@aws-sdk/client-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Admin } from '../testing/kafka.ts'
import { readAuditTrail } from '../core/audit.ts'
import { mappingGroupId } from '../core/indexing/orchestrator.ts'
import { applyTopicInput } from '../core/indexing/plan.ts'
import type { TopicPlan } from '../core/indexing/plan.ts'
import { reconcile } from '../indexer/reconciler.ts'
import { DynamoPlanStore, metaTopic } from '../aws/dynamo-plan-store.ts'
import { createPlanTable, motoDynamoClient, motoEnv } from '../testing/dynamo.ts'
import { FakeLambdaEsm } from '../testing/fake-lambda-esm.ts'
import { bearer, operatorToken, testConfig, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'
import { createDeps, type RuntimeDeps } from './runtime.ts'

const indexer = 'kafka-plus-it-Indexer'
const arn = 'arn:aws:kafka:eu-west-1:123456789012:cluster/it/a1b2c3d4-0000-4000-8000-000000000001-2'
const topic = uniqueName('it-aws-plan')
const path = `/api/clusters/local/indexing/topics/${topic}`
const dynamo = motoDynamoClient()
const fake = new FakeLambdaEsm([indexer])
const savedEnv = { ...process.env }
let table: Awaited<ReturnType<typeof createPlanTable>>
let deps: RuntimeDeps
let app: ReturnType<typeof createApp>
let admin: Admin
/** The topic's generation in the plan, from its first PUT: its mapping's group carries it. */
let generation: string | undefined

type TopicAnswer = TopicPlan & { mapping: { id: string; state: string; consumerGroup: string; batchSize: number } | null; mappingError: { code: string; detail: string } | null }
const put = async (body: unknown, cluster = 'local') => app.request(`/api/clusters/${cluster}/indexing/topics/${topic}`, {
  method: 'PUT', headers: { ...bearer(operatorToken), 'content-type': 'application/json' }, body: JSON.stringify(body),
})
const listed = async () => {
  const body = await (await app.request('/api/clusters/local/indexing', { headers: bearer(viewerToken) })).json() as {
    writable: boolean; topics: TopicAnswer[]; mappingsBeingRemoved: unknown[]; mappingsError: unknown
  }
  return { ...body, entry: body.topics.find((t) => t.topic === topic) }
}
const item = async (cluster: string, sortKey: string) =>
  (await dynamo.send(new GetItemCommand({ TableName: table.table, Key: { cluster: { S: cluster }, topic: { S: sortKey } }, ConsistentRead: true }))).Item

beforeAll(async () => {
  // As on Lambda: the SDK finds its endpoint, region and credentials in the environment.
  Object.assign(process.env, motoEnv())
  table = await createPlanTable(dynamo)
  const brokers = testConfig().clusters[0]?.brokers ?? []
  deps = createDeps(testConfig({
    KAFKA_PLUS_PLAN_TABLE: table.table,
    KAFKA_PLUS_INDEXER_FUNCTION: indexer,
    KAFKA_PLUS_CLUSTERS: JSON.stringify([{ id: 'local', brokers, mskClusterArn: arn }, { id: 'plain', brokers }]),
  }), { lambdaClient: fake, logError: () => {} })
  app = createApp(deps)
  admin = new Admin({ clientId: 'indexing-aws-test', bootstrapBrokers: brokers })
  await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 })
})

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin.close()
  await deps.close()
  await table.drop()
  dynamo.destroy()
  for (const name of Object.keys(motoEnv())) {
    if (savedEnv[name] === undefined) delete process.env[name]
    else process.env[name] = savedEnv[name]
  }
})

describe('indexing API on AWS (DynamoDB plan, MSK event source mappings)', () => {
  it('enables a topic: plan item and version in DynamoDB, one mapping with its own group, the chosen start and batching', async () => {
    const response = await put({ enabled: true, startingPosition: 'TRIM_HORIZON', batchSize: 500, batchingWindowSeconds: 5 })
    expect(response.status).toBe(200)
    const body = await response.json() as TopicAnswer
    expect(body).toMatchObject({
      topic, enabled: true, startingPosition: 'TRIM_HORIZON', batchSize: 500, batchingWindowSeconds: 5, mappingError: null,
      mapping: { state: 'Creating', consumerGroup: mappingGroupId('local', topic, body.generation), batchSize: 500 },
    })
    expect(body.generation).toMatch(/^[a-z0-9]+$/)
    generation = body.generation
    expect(fake.callsOf('CreateEventSourceMappingCommand').map((c) => c.input)).toEqual([{
      FunctionName: indexer, EventSourceArn: arn, Topics: [topic], Enabled: true, StartingPosition: 'TRIM_HORIZON',
      BatchSize: 500, MaximumBatchingWindowInSeconds: 5, AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: mappingGroupId('local', topic, generation) },
    }])
    expect(JSON.parse((await item('local', topic))?.settings?.S ?? '{}')).toMatchObject({ topic, enabled: true, batchSize: 500, updatedBy: 'olive' })
    expect((await item('local', metaTopic))?.version?.N).toBe('1')
  })

  it('stores a change a busy mapping refuses, says so, and the reconciler applies it on its next run', async () => {
    const response = await put({ enabled: true, batchSize: 200 })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ batchSize: 200, mapping: null, mappingError: { code: 'MAPPING_BUSY' } })
    expect(JSON.parse((await item('local', topic))?.settings?.S ?? '{}')).toMatchObject({ batchSize: 200 })
    fake.tick()
    expect((await listed()).entry?.mapping).toMatchObject({ state: 'Enabled', batchSize: 500 })
    const run = await reconcile(deps)
    expect(run.skipped).toEqual(['plain'])
    expect(run.reports[0]?.changes.map((c) => [c.action, c.topic])).toEqual([['update', topic]])
    fake.tick()
    expect((await listed()).entry?.mapping).toMatchObject({ state: 'Enabled', batchSize: 200 })
  })

  it('pauses the topic by disabling its mapping, and resumes the same mapping', async () => {
    const [mapping] = fake.mappings()
    const paused = await (await put({ enabled: false })).json() as TopicAnswer
    expect(paused).toMatchObject({ enabled: false, mapping: { id: mapping?.UUID, state: 'Disabling' }, mappingError: null })
    expect(fake.callsOf('UpdateEventSourceMappingCommand').at(-1)?.input).toMatchObject({ UUID: mapping?.UUID, Enabled: false })
    fake.tick()
    const { entry } = await listed()
    expect(entry).toMatchObject({ enabled: false, mapping: { state: 'Disabled' } })
    const resumed = await (await put({ enabled: true })).json() as TopicAnswer
    expect(resumed).toMatchObject({ generation, mapping: { id: mapping?.UUID, state: 'Enabling', consumerGroup: mappingGroupId('local', topic, generation) } })
    expect(fake.callsOf('CreateEventSourceMappingCommand')).toHaveLength(1)
    fake.tick()
  })

  it('removes the topic: plan item gone, version bumped, mapping deleted', async () => {
    const version = Number((await item('local', metaTopic))?.version?.N)
    const response = await app.request(path, { method: 'DELETE', headers: bearer(operatorToken) })
    expect(response.status).toBe(204)
    expect(await item('local', topic)).toBeUndefined()
    expect(Number((await item('local', metaTopic))?.version?.N)).toBe(version + 1)
    expect(fake.mappings().map((m) => m.State)).toEqual(['Deleting'])
    fake.tick()
    expect(fake.mappings()).toEqual([])
    const { entry, mappingsBeingRemoved, writable } = await listed()
    expect([entry, mappingsBeingRemoved, writable]).toEqual([undefined, [], true])
  })

  it('audits each plan change and each mapping change, the reconciler\'s under its own name', async () => {
    const expected = [
      'indexing.topic.set', 'indexing.mapping.create', 'indexing.topic.set', 'indexing.mapping.update', 'indexing.topic.set',
      'indexing.mapping.disable', 'indexing.topic.set', 'indexing.mapping.enable', 'indexing.topic.remove', 'indexing.mapping.delete',
    ]
    await expect.poll(async () => (await readAuditTrail(deps.logs, deps.config.auditKey, 'local', { target: topic, limit: 50 })).items.length, { timeout: 15_000, interval: 500 }).toBe(expected.length)
    const records = (await readAuditTrail(deps.logs, deps.config.auditKey, 'local', { target: topic, limit: 50 })).items
    expect(records.map((r) => r.action).sort()).toEqual([...expected].sort())
    expect(records.find((r) => r.action === 'indexing.mapping.update')).toMatchObject({ actor: 'reconciler', before: { batchSize: 500 }, after: { batchSize: 200 } })
    expect(records.find((r) => r.action === 'indexing.mapping.disable')).toMatchObject({ actor: 'olive', before: { state: 'Enabled' }, after: { state: 'Disabling' } })
    expect(records.find((r) => r.action === 'indexing.mapping.create')).toMatchObject({ actor: 'olive', after: { consumerGroup: mappingGroupId('local', topic, generation), startingPosition: 'TRIM_HORIZON' } })
  })

  it('answers 409 PLAN_CONFLICT when the plan changed between reading and writing it, and stores nothing of the loser', async () => {
    const other = `${topic}-other`
    // Another writer gets in right after this request read the plan.
    class Interleaved extends DynamoPlanStore {
      override async read(cluster: string) {
        const read = await super.read(cluster)
        await deps.planStore.setTopic(cluster, other, applyTopicInput(undefined, other, { enabled: false }, 'vera'), read.version)
        return read
      }
    }
    const racing = createApp({ ...deps, planStore: new Interleaved(table.table) })
    const response = await racing.request(path, {
      method: 'PUT', headers: { ...bearer(operatorToken), 'content-type': 'application/json' }, body: JSON.stringify({ enabled: false }),
    })
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ code: 'PLAN_CONFLICT' })
    expect(await item('local', topic)).toBeUndefined()
    expect(await item('local', other)).toBeDefined()
  })

  it('refuses a cluster without mskClusterArn with 409 MSK_CLUSTER_ARN_REQUIRED, storing nothing', async () => {
    const response = await put({ enabled: true }, 'plain')
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ code: 'MSK_CLUSTER_ARN_REQUIRED' })
    expect(await item('plain', topic)).toBeUndefined()
  })

  it('answers 503 PLAN_STORE_NOT_CONFIGURED on a Lambda without a plan table, and shows the plan read-only', async () => {
    const lambdaDeps = createDeps(testConfig({ AWS_LAMBDA_FUNCTION_NAME: 'kafka-plus-it-Api' }), { logError: () => {} })
    try {
      const lambdaApp = createApp(lambdaDeps)
      const response = await lambdaApp.request(path, {
        method: 'PUT', headers: { ...bearer(operatorToken), 'content-type': 'application/json' }, body: JSON.stringify({ enabled: true }),
      })
      expect(response.status).toBe(503)
      expect(await response.json()).toMatchObject({ code: 'PLAN_STORE_NOT_CONFIGURED' })
      const plan = await (await lambdaApp.request('/api/clusters/local/indexing', { headers: bearer(viewerToken) })).json()
      expect(plan).toMatchObject({ writable: false, topics: [] })
    } finally {
      await lambdaDeps.close()
    }
  })
})
