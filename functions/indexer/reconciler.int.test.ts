// The reconciler's run over every cluster, with the Lambda fake in the deps and the real
// VictoriaLogs for its audit records: drift repaired, busy mappings left for the next run without
// an error, a cluster it cannot list reported (not thrown), and no run without an indexer function.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDeps } from '../api/runtime.ts'
import { readAuditTrail } from '../core/audit.ts'
import { applyTopicInput, type TopicPlan } from '../core/indexing/plan.ts'
import { FilePlanStore } from '../core/indexing/plan-store.ts'
import { FakeLambdaEsm } from '../testing/fake-lambda-esm.ts'
import { testConfig, uniqueName } from '../testing/stack.ts'
import { reconcile } from './reconciler.ts'

const indexer = 'kafka-plus-it-Indexer'
const arn = 'arn:aws:kafka:eu-west-1:123456789012:cluster/it/a1b2c3d4-0000-4000-8000-000000000009-1'
const home = mkdtempSync(join(tmpdir(), 'kp-reconcile-'))
const cluster = uniqueName('rc').replaceAll('-', '_')
const fake = new FakeLambdaEsm([indexer])
const config = testConfig({
  KAFKA_PLUS_HOME: home, KAFKA_PLUS_INDEXER_FUNCTION: indexer,
  KAFKA_PLUS_CLUSTERS: JSON.stringify([{ id: cluster, brokers: ['127.0.0.1:9092'], mskClusterArn: arn }]),
})
const deps = createDeps(config, { lambdaClient: fake, logError: () => {} })
const store = new FilePlanStore(home)
const entries = new Map<string, TopicPlan>()
/** The topic's plan entry, edited (not removed and added back): its generation, hence its group, stays. */
const topic = (name: string, enabled = true) => {
  const entry = applyTopicInput(entries.get(name), name, { enabled }, 'olive')
  entries.set(name, entry)
  return entry
}

afterAll(async () => {
  await deps.close()
  rmSync(home, { recursive: true, force: true })
})

describe('indexing reconciler', () => {
  it('creates what the plan wants, re-creates a mapping deleted by hand, and audits both as the reconciler', async () => {
    await store.save({ cluster, topics: [topic('orders'), topic('payments'), topic('quiet', false)] })
    const first = await reconcile(deps)
    expect(first.reports[0]?.changes.map((c) => [c.action, c.topic])).toEqual([['create', 'orders'], ['create', 'payments']])
    fake.tick()
    const orders = fake.mappings().find((m) => m.Topics?.[0] === 'orders')
    fake.deleteByHand(orders?.UUID as string)
    const second = await reconcile(deps)
    expect(second.reports[0]?.changes.map((c) => [c.action, c.topic])).toEqual([['create', 'orders']])
    await expect.poll(async () => (await readAuditTrail(deps.logs, deps.config.auditKey, cluster, { target: 'orders', limit: 10 })).items.length, { timeout: 15_000, interval: 500 }).toBe(2)
    const records = (await readAuditTrail(deps.logs, deps.config.auditKey, cluster, { target: 'orders', limit: 10 })).items
    expect(records.map((r) => [r.action, r.actor])).toEqual([['indexing.mapping.create', 'reconciler'], ['indexing.mapping.create', 'reconciler']])
  })

  it('leaves a mapping that is still Creating for the next run: pending, not an error, and no call storm', async () => {
    // orders was just re-created (Creating); the plan now pauses it and drops payments.
    await store.save({ cluster, topics: [topic('orders', false), topic('quiet', false)] })
    fake.clearCalls()
    const busy = await reconcile(deps)
    expect(busy.reports[0]).toMatchObject({ changes: [{ action: 'delete', topic: 'payments' }], pending: ['orders'], errors: [] })
    expect(busy.failed).toEqual([])
    expect(fake.callsOf('UpdateEventSourceMappingCommand')).toHaveLength(1)
    fake.tick()
    const settled = await reconcile(deps)
    expect(settled.reports[0]).toMatchObject({ changes: [{ action: 'disable', topic: 'orders' }], pending: [], errors: [] })
    fake.tick()
    expect(fake.mappings().map((m) => [m.Topics?.[0], m.State])).toEqual([['orders', 'Disabled']])
  })

  it('reports a cluster whose mappings cannot be listed instead of failing the run, and needs the indexer function', async () => {
    const lost = createDeps(config, { lambdaClient: new FakeLambdaEsm(['another-function']), logError: () => {} })
    const none = createDeps(testConfig({ KAFKA_PLUS_HOME: home }), { logError: () => {} })
    try {
      const run = await reconcile(lost)
      expect(run.failed).toEqual([{ cluster, error: expect.stringContaining('Function not found') as unknown }])
      expect(run.failed[0]?.error).toContain(`'${indexer}' could not be listed`)
      await expect(reconcile(none)).rejects.toMatchObject({ code: 'CONFIG_INVALID' })
    } finally {
      await Promise.all([lost.close(), none.close()])
    }
  })
})
