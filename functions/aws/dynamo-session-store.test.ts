// The DynamoDB session store against a small stand-in for the four DynamoDB calls it makes
// (keys, conditions and paging as DynamoDB defines them), so the item layout is pinned here; the
// same store runs against moto's DynamoDB with the plan store's tests once both branches meet.
import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import type { SessionRecord } from '../core/auth/sessions.ts'
import { AppError } from '../core/errors.ts'
import { DynamoSessionStore, sessionsPartition, type DynamoSender } from './dynamo-session-store.ts'

type Item = Record<string, AttributeValue>

/** A table keyed (cluster, topic), answering GetItem, PutItem, DeleteItem and Query, two items per page. */
class TableStandIn implements DynamoSender {
  readonly items = new Map<string, Item>()
  readonly calls: { name: string; input: Record<string, unknown> }[] = []

  async send(command: { constructor: { name: string }; input: unknown }): Promise<unknown> {
    const input = command.input as Record<string, unknown>
    const name = command.constructor.name
    this.calls.push({ name, input })
    const keyOf = (key: Item) => `${key.cluster?.S}\u0000${key.topic?.S}`
    switch (name) {
      case 'PutItemCommand': {
        const item = input.Item as Item
        this.items.set(keyOf(item), item)
        return {}
      }
      case 'GetItemCommand':
        return { Item: this.items.get(keyOf(input.Key as Item)) }
      case 'DeleteItemCommand': {
        const key = keyOf(input.Key as Item)
        const old = this.items.get(key)
        this.items.delete(key)
        return old ? { Attributes: old } : {}
      }
      case 'QueryCommand': {
        const partition = (input.ExpressionAttributeValues as Record<string, AttributeValue>)[':p']?.S
        const all = [...this.items.values()].filter((i) => i.cluster?.S === partition).sort((a, b) => String(a.topic?.S).localeCompare(String(b.topic?.S)))
        const after = (input.ExclusiveStartKey as Item | undefined)?.topic?.S
        const rest = after === undefined ? all : all.filter((i) => String(i.topic?.S) > after)
        const page = rest.slice(0, 2)
        return { Items: page, ...(rest.length > 2 ? { LastEvaluatedKey: { cluster: page[1]?.cluster, topic: page[1]?.topic } } : {}) }
      }
      default:
        throw new Error(`unexpected ${name}`)
    }
  }
}

const now = Date.now()
const record = (id: string, createdAt = now, expiresAt = now + 60_000): SessionRecord => ({
  id, name: `user-${id}`, via: 'sso', grants: [{ role: 'operator', topics: ['orders.*'] }], createdAt, expiresAt, subject: `sub-${id}`,
})

describe('DynamoSessionStore', () => {
  it('keeps each session as one item of the #sessions partition, with expiresAt in epoch seconds for the table\'s TTL', async () => {
    const table = new TableStandIn()
    const store = new DynamoSessionStore('plans', table)
    await store.create(record('a'))
    const [item] = [...table.items.values()]
    expect(item).toEqual({
      cluster: { S: sessionsPartition }, topic: { S: 'a' },
      session: { S: JSON.stringify(record('a')) }, expiresAt: { N: String(Math.ceil((now + 60_000) / 1000)) },
    })
    expect(await store.find('a')).toEqual(record('a'))
    expect(table.calls.find((c) => c.name === 'GetItemCommand')?.input).toMatchObject({ TableName: 'plans', ConsistentRead: true })
  })

  it('ignores expired items DynamoDB has not deleted yet, and revokes by deleting', async () => {
    const table = new TableStandIn()
    const store = new DynamoSessionStore('plans', table)
    await store.create(record('old', now - 120_000, now - 1))
    await store.create(record('live'))
    expect(await store.find('old')).toBeUndefined()
    expect(await store.revoke('old')).toBe(false)
    expect(await store.revoke('live')).toBe(true)
    expect(await store.find('live')).toBeUndefined()
    expect(await store.revoke('live')).toBe(false)
  })

  it('lists live sessions over every page, newest first, never reading other partitions', async () => {
    const table = new TableStandIn()
    const store = new DynamoSessionStore('plans', table)
    table.items.set('prod\u0000orders', { cluster: { S: 'prod' }, topic: { S: 'orders' }, settings: { S: '{}' } })
    for (const [i, id] of ['a', 'b', 'c', 'd', 'e'].entries()) await store.create(record(id, now + i))
    await store.create(record('expired', now, now - 1))
    expect((await store.list()).map((r) => r.id)).toEqual(['e', 'd', 'c', 'b', 'a'])
    expect(table.calls.filter((c) => c.name === 'QueryCommand')).toHaveLength(3)
  })

  it('answers 503 SESSION_STORE_UNAVAILABLE when DynamoDB fails, keeping its text for the server log', async () => {
    const failing: DynamoSender = { send: async () => { throw Object.assign(new Error('https://dynamodb.internal said no'), { name: 'ProvisionedThroughputExceededException' }) } }
    const error = await new DynamoSessionStore('plans', failing).find('a').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE', status: 503, retryable: true })
    expect((error as AppError).message).not.toContain('dynamodb.internal')
  })
})
