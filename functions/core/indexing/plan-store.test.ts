// The plan stores core owns: the file store's conditional topic write, the read-only and the
// unconfigured store's refusals, and the choice by configuration.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { applyTopicInput } from './plan.ts'
import { createPlanStore, FilePlanStore, StaticPlanStore, UnconfiguredPlanStore, type PlanStore } from './plan-store.ts'

const home = mkdtempSync(join(tmpdir(), 'kp-store-'))
const settings = (topic: string) => applyTopicInput(undefined, topic, { enabled: true }, 'olive')

afterAll(() => rmSync(home, { recursive: true, force: true }))

describe('plan stores', () => {
  it('file store: writes one topic against the version read, refuses a stale one with PLAN_CONFLICT', async () => {
    const store = new FilePlanStore(home)
    const { version } = await store.read('local')
    await store.setTopic('local', 'orders', settings('orders'), version)
    const next = await store.read('local')
    expect(next.plan.topics.map((t) => t.topic)).toEqual(['orders'])
    expect(next.version).not.toBe(version)
    await expect(store.setTopic('local', 'payments', settings('payments'), version)).rejects.toMatchObject({ code: 'PLAN_CONFLICT', status: 409 })
    await store.setTopic('local', 'orders', null, next.version)
    expect((await store.load('local')).topics).toEqual([])
  })

  it('a Lambda without a plan table shows empty plans and answers changes with 503 PLAN_STORE_NOT_CONFIGURED', async () => {
    const store: PlanStore = new UnconfiguredPlanStore()
    expect(store.writable).toBe(false)
    expect(await store.read('prod')).toEqual({ plan: { cluster: 'prod', topics: [] }, version: 'none' })
    await expect(store.setTopic('prod', 'orders', settings('orders'), 'none')).rejects.toMatchObject({ code: 'PLAN_STORE_NOT_CONFIGURED', status: 503 })
  })

  it('a plan fixed by the deployment is read-only (409 PLAN_READ_ONLY)', async () => {
    const store: PlanStore = new StaticPlanStore(JSON.stringify({ cluster: 'prod', topics: [settings('orders')] }))
    expect((await store.read('prod')).plan.topics.map((t) => t.topic)).toEqual(['orders'])
    await expect(store.setTopic('prod', 'orders', null, 'static')).rejects.toMatchObject({ code: 'PLAN_READ_ONLY', status: 409 })
  })

  it('is chosen by configuration; DynamoDB only through the adapter an entry point passes in', () => {
    expect(createPlanStore({ kind: 'none' })).toBeInstanceOf(UnconfiguredPlanStore)
    expect(createPlanStore({ kind: 'file', home })).toBeInstanceOf(FilePlanStore)
    expect(() => createPlanStore({ kind: 'dynamodb', table: 'plans' })).toThrow(/KAFKA_PLUS_PLAN_TABLE/)
    const dynamo = new UnconfiguredPlanStore() as PlanStore
    expect(createPlanStore({ kind: 'dynamodb', table: 'plans' }, { dynamodb: (table) => (table === 'plans' ? dynamo : new UnconfiguredPlanStore()) })).toBe(dynamo)
  })
})
