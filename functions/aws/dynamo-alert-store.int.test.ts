// The DynamoDB alert store on moto's server, as the stack declares the table (cluster, item):
// rules, the dedupe state and the history (newest first, with its expiry), one cluster apart
// from another.
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoredRule } from '../core/alerts/model.ts'
import { motoDynamoClient } from '../testing/dynamo.ts'
import { uniqueName } from '../testing/stack.ts'
import { DynamoAlertStore } from './dynamo-alert-store.ts'

const client = motoDynamoClient()
const table = uniqueName('it-alerts')
const store = new DynamoAlertStore(table, client)
const rule = (id: string, cluster = 'prod'): StoredRule => ({
  id, cluster, name: `Rule ${id}`, enabled: true, kind: 'disk-full', threshold: 14, remindAfterMs: 3_600_000,
  destinations: [{ id: 'd', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/secret' }], updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'olive',
})

beforeAll(async () => {
  await client.send(new CreateTableCommand({
    TableName: table, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'cluster', AttributeType: 'S' }, { AttributeName: 'item', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'cluster', KeyType: 'HASH' }, { AttributeName: 'item', KeyType: 'RANGE' }],
  }))
})

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: table }))
  client.destroy()
})

describe('DynamoDB alert store', () => {
  it('keeps rules per cluster, replaces and deletes them', async () => {
    await store.putRule(rule('b'))
    await store.putRule(rule('a'))
    await store.putRule(rule('a', 'staging'))
    await store.putRule({ ...rule('b'), threshold: 3 })
    expect((await store.rules('prod')).map((r) => [r.id, r.threshold])).toEqual([['a', 14], ['b', 3]])
    expect((await store.rules('prod'))[0]?.destinations[0]?.url).toBe('https://hooks.slack.com/services/T/B/secret')
    expect(await store.deleteRule('prod', 'a')).toBe(true)
    expect(await store.deleteRule('prod', 'a')).toBe(false)
    expect((await store.rules('prod')).map((r) => r.id)).toEqual(['b'])
    expect((await store.rules('staging')).map((r) => r.id)).toEqual(['a'])
  })

  it('keeps the dedupe state and the history, newest first', async () => {
    expect(await store.states('prod')).toEqual([])
    const state = { ruleId: 'b', key: '1|/data', severity: 'warning' as const, summary: 's', since: '2026-01-01T00:00:00.000Z', lastSentAt: '2026-01-01T00:00:00.000Z' }
    await store.saveStates('prod', [state])
    expect(await store.states('prod')).toEqual([state])
    const entry = (id: string, sentAt: string) => ({ id, cluster: 'prod', ruleId: 'b', ruleName: 'Rule b', status: 'firing' as const, severity: 'warning' as const, key: 'k', summary: 's', sentAt, deliveries: [] })
    await store.addHistory('prod', [entry('1', '2026-01-01T00:00:00.000Z'), entry('2', '2026-01-01T00:05:00.000Z')])
    await store.addHistory('prod', [entry('3', '2026-01-01T00:10:00.000Z')])
    expect((await store.history('prod', 10)).map((e) => e.id)).toEqual(['3', '2', '1'])
    expect((await store.history('prod', 2)).map((e) => e.id)).toEqual(['3', '2'])
    expect(await store.history('staging', 10)).toEqual([])
  })
})
