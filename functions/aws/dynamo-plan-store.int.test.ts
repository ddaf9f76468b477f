// The DynamoDB plan store against a real DynamoDB API (moto's server): versions, conditional
// writes refusing a concurrent change, removal, and what a missing table or a bad item answers.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { AppError } from '../core/errors.ts'
import { applyTopicInput } from '../core/indexing/plan.ts'
import { PlanCache } from '../core/indexing/plan-cache.ts'
import { createPlanTable, motoDynamoClient } from '../testing/dynamo.ts'
import { DynamoPlanStore, metaTopic } from './dynamo-plan-store.ts'

const client = motoDynamoClient()
let table: Awaited<ReturnType<typeof createPlanTable>>
let store: DynamoPlanStore
const settings = (topic: string, sampleRate = 1) => applyTopicInput(undefined, topic, { enabled: true, sampleRate, batchSize: 500 }, 'olive')

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error: unknown) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a failure')
}

beforeAll(async () => {
  table = await createPlanTable(client)
  store = new DynamoPlanStore(table.table, client)
})

afterAll(async () => {
  await table.drop()
  client.destroy()
})

describe('DynamoDB plan store', () => {
  it('reads an unwritten plan as empty at version 0', async () => {
    expect(await store.read('prod')).toEqual({ plan: { cluster: 'prod', topics: [] }, version: '0' })
    expect(await store.version('prod')).toBe('0')
  })

  it('writes one item per topic and bumps the version item with each change', async () => {
    await store.setTopic('prod', 'orders', settings('orders'), '0')
    expect(await store.version('prod')).toBe('1')
    await store.setTopic('prod', 'a.b', settings('a.b', 0.5), '1')
    const { plan, version } = await store.read('prod')
    expect(version).toBe('2')
    expect(plan.topics.map((t) => [t.topic, t.sampleRate, t.batchSize])).toEqual([['a.b', 0.5, 500], ['orders', 1, 500]])
    const meta = await client.send(new GetItemCommand({ TableName: table.table, Key: { cluster: { S: 'prod' }, topic: { S: metaTopic } } }))
    expect(meta.Item?.version?.N).toBe('2')
    const item = await client.send(new GetItemCommand({ TableName: table.table, Key: { cluster: { S: 'prod' }, topic: { S: 'orders' } } }))
    expect(JSON.parse(item.Item?.settings?.S ?? '{}')).toMatchObject({ topic: 'orders', enabled: true, updatedBy: 'olive' })
    // Another cluster's plan is a partition of its own.
    expect(await store.read('dev')).toEqual({ plan: { cluster: 'dev', topics: [] }, version: '0' })
  })

  it('refuses a write made on a stale version with PLAN_CONFLICT, writing nothing', async () => {
    const stale = await failure(store.setTopic('prod', 'payments', settings('payments'), '1'))
    expect(stale).toMatchObject({ code: 'PLAN_CONFLICT', status: 409 })
    expect((await store.read('prod')).plan.topics.map((t) => t.topic)).not.toContain('payments')
    expect(await store.version('prod')).toBe('2')
    // Two first writes (no version item yet) made on the same read: the second is refused. One
    // after the other, because moto's server does not serialize concurrent transactions the way
    // DynamoDB does (both sometimes passed there when sent at once): the condition is what is tested.
    await store.setTopic('race', 'x', settings('x'), '0')
    expect(await failure(store.setTopic('race', 'y', settings('y'), '0'))).toMatchObject({ code: 'PLAN_CONFLICT', status: 409 })
    expect((await store.read('race')).plan.topics.map((t) => t.topic)).toEqual(['x'])
  })

  it('removes a topic (and bumps the version)', async () => {
    await store.setTopic('prod', 'orders', null, '2')
    const { plan, version } = await store.read('prod')
    expect(version).toBe('3')
    expect(plan.topics.map((t) => t.topic)).toEqual(['a.b'])
    expect(await store.load('prod')).toEqual(plan)
  })

  it('keeps each topic\'s generation in its item: the same through edits, a new one when the topic is removed and added back', async () => {
    // As the API does it: the entry read from the table is the one changed.
    const change = async (topic: string, input: Parameters<typeof applyTopicInput>[2] | null) => {
      const { plan, version } = await store.read('gen')
      const before = plan.topics.find((t) => t.topic === topic)
      await store.setTopic('gen', topic, input && applyTopicInput(before, topic, input, 'olive'), version)
      const item = await client.send(new GetItemCommand({ TableName: table.table, Key: { cluster: { S: 'gen' }, topic: { S: topic } }, ConsistentRead: true }))
      const stored = item.Item?.settings?.S ? JSON.parse(item.Item.settings.S) as { generation?: string } : null
      expect(stored?.generation).toBe((await store.load('gen')).topics.find((t) => t.topic === topic)?.generation)
      return stored?.generation
    }
    const first = await change('orders', { enabled: true })
    expect(first).toMatch(/^[a-z0-9]+$/)
    expect(await change('orders', { enabled: false, batchSize: 20 })).toBe(first)
    expect(await change('orders', { enabled: true, startingPosition: 'TRIM_HORIZON' })).toBe(first)
    expect(await change('orders', null)).toBeUndefined()
    const second = await change('orders', { enabled: true, startingPosition: 'TRIM_HORIZON' })
    expect(second).toMatch(/^[a-z0-9]+$/)
    expect(second).not.toBe(first)
  })

  it('names a hand-edited item that is not a valid topic plan', async () => {
    await client.send(new PutItemCommand({ TableName: table.table, Item: { cluster: { S: 'bad' }, topic: { S: 'orders' }, settings: { S: '{"topic":"orders","enabled":"yes"}' } } }))
    const error = await failure(store.load('bad'))
    expect(error.code).toBe('CONFIG_INVALID')
    expect(error.message).toContain('enabled')
  })

  it('lets the indexer read the version each batch and the whole plan only after a change', async () => {
    const cached = new DynamoPlanStore(table.table, client)
    const reads = vi.spyOn(cached, 'read')
    const versions = vi.spyOn(cached, 'version')
    const cache = new PlanCache(cached)
    const first = await cache.get('cache')
    expect(await cache.get('cache')).toBe(first)
    expect(await cache.get('cache')).toBe(first)
    expect([versions.mock.calls.length, reads.mock.calls.length]).toEqual([3, 1])
    await store.setTopic('cache', 'orders', settings('orders'), await store.version('cache'))
    const changed = await cache.get('cache')
    expect(changed).not.toBe(first)
    expect(changed.topics).toEqual(['orders'])
    expect(reads).toHaveBeenCalledTimes(2)
  })

  it('answers 503 PLAN_STORE_UNAVAILABLE when the table does not exist', async () => {
    const missing = new DynamoPlanStore(`${table.table}-missing`, client)
    const error = await failure(missing.version('prod'))
    expect(error).toMatchObject({ code: 'PLAN_STORE_UNAVAILABLE', status: 503 })
    expect(error.message).toContain(`${table.table}-missing`)
  })
})
