// The MSK event source mappings orchestrator against a fake of Lambda's mapping API that enforces
// AWS's documented rules (functions/testing/fake-lambda-esm.ts); and the fake's own rules.
import {
  CreateEventSourceMappingCommand, DeleteEventSourceMappingCommand, GetEventSourceMappingCommand, UpdateEventSourceMappingCommand,
  type CreateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ClusterConfig } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { consumerGroupIdLimit, mappingGroupId, reconcileCluster } from '../core/indexing/orchestrator.ts'
import { applyTopicInput, type TopicPlan, type TopicPlanInput } from '../core/indexing/plan.ts'
import { committedOffsets, FakeLambdaEsm } from '../testing/fake-lambda-esm.ts'
import { MskMappings } from './msk-mappings.ts'

const indexer = 'kafka-plus-prod-Indexer'
const arn = 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/a1b2c3d4-0000-4000-8000-000000000001-2'
const cluster: ClusterConfig = { id: 'prod', name: 'prod', brokers: ['b-1.prod:9098'], mskClusterArn: arn }
/** A topic's plan entry in its first generation: edits keep the generation, a re-added topic gets a new one. */
const plan = (topic: string, input: Partial<TopicPlanInput> = {}, generation = 'g1'): TopicPlan =>
  ({ ...applyTopicInput(undefined, topic, { enabled: true, ...input }, 'olive'), generation })

let fake: FakeLambdaEsm
let mappings: MskMappings

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string; status?: number }> {
  try {
    await promise
  } catch (error: unknown) {
    if (error instanceof Error) return error
    throw error
  }
  throw new Error('expected a failure')
}

beforeEach(() => {
  // Pages of two: listing must follow NextMarker to see every mapping.
  fake = new FakeLambdaEsm([indexer], { pageSize: 2 })
  mappings = new MskMappings(indexer, fake)
})

describe('consumer group ids of the mappings', () => {
  it('are one per (cluster, topic, generation), deterministic, and never collide for look-alike names', () => {
    expect(mappingGroupId('prod', 'orders', 'mfx1a2b3c4d')).toBe('kafka-plus-indexer:prod:orders:mfx1a2b3c4d')
    expect(mappingGroupId('prod', 'orders', 'g1')).toBe(mappingGroupId('prod', 'orders', 'g1'))
    // A plan written before generations keeps the group its mapping was created with.
    expect(mappingGroupId('prod', 'orders')).toBe('kafka-plus-indexer:prod:orders')
    const ids = [
      mappingGroupId('prod', 'a.b', 'g1'), mappingGroupId('prod', 'ab', 'g1'), mappingGroupId('a', 'b-c', 'g1'), mappingGroupId('a-b', 'c', 'g1'),
      mappingGroupId('dev', 'orders', 'g1'), mappingGroupId('dev', 'orders', 'g2'), mappingGroupId('dev', 'orders'),
    ]
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('stay within AWS\'s 200 characters of [a-zA-Z0-9-/*:_+=.@] for the longest topic names, still distinct', () => {
    const long = 'x'.repeat(248)
    const generation = 'z'.repeat(24)
    const [a, b, c] = [mappingGroupId('a'.repeat(63), `${long}1`, generation), mappingGroupId('a'.repeat(63), `${long}2`, generation), mappingGroupId('a'.repeat(63), `${long}1`, 'g2')]
    for (const id of [a, b, c]) {
      expect(id.length).toBeLessThanOrEqual(consumerGroupIdLimit)
      expect(id).toMatch(/^[a-zA-Z0-9\-/*:_+=.@]+$/)
    }
    // The generation stays whole at the end; the cut topic is told apart by its hash.
    expect(a.endsWith(`:${generation}`)).toBe(true)
    expect(new Set([a, b, c]).size).toBe(3)
  })
})

describe('MSK mappings orchestrator', () => {
  it('creates one mapping per topic with its own group, the chosen start and batching, which becomes Enabled asynchronously', async () => {
    const created = await mappings.ensure(cluster, plan('a.b', { startingPosition: 'TRIM_HORIZON', batchSize: 500, batchingWindowSeconds: 5 }))
    await mappings.ensure(cluster, plan('ab'))
    expect(created).toMatchObject({ action: 'create', before: null, after: { topic: 'a.b', state: 'Creating', consumerGroup: 'kafka-plus-indexer:prod:a.b:g1' } })
    expect(fake.callsOf('CreateEventSourceMappingCommand').map((c) => c.input)).toEqual([
      {
        FunctionName: indexer, EventSourceArn: arn, Topics: ['a.b'], Enabled: true, StartingPosition: 'TRIM_HORIZON',
        BatchSize: 500, MaximumBatchingWindowInSeconds: 5, AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'kafka-plus-indexer:prod:a.b:g1' },
      },
      expect.objectContaining({ Topics: ['ab'], StartingPosition: 'LATEST', BatchSize: 1_000, MaximumBatchingWindowInSeconds: 1 }),
    ])
    fake.tick()
    const listed = await mappings.list(cluster)
    expect(listed.map((m) => [m.topic, m.state, m.startingPosition, m.batchSize])).toEqual([['a.b', 'Enabled', 'TRIM_HORIZON', 500], ['ab', 'Enabled', 'LATEST', 1_000]])
    // In step with the plan: nothing to do.
    fake.clearCalls()
    expect((await mappings.ensure(cluster, plan('a.b', { startingPosition: 'TRIM_HORIZON', batchSize: 500, batchingWindowSeconds: 5 }))).action).toBe('none')
    expect(fake.calls.map((c) => c.command)).toEqual(['ListEventSourceMappingsCommand'])
  })

  it('pauses by disabling the same mapping (same group, offsets kept) and resumes it; busy while it is still Creating', async () => {
    const { after } = await mappings.ensure(cluster, plan('orders'))
    const busy = await failure(mappings.ensure(cluster, plan('orders', { enabled: false })))
    expect(busy).toBeInstanceOf(AppError)
    expect(busy).toMatchObject({ code: 'MAPPING_BUSY', status: 409, retryable: true })
    fake.tick()
    const paused = await mappings.ensure(cluster, plan('orders', { enabled: false }))
    expect(paused).toMatchObject({ action: 'disable', after: { id: after?.id, state: 'Disabling' } })
    fake.tick()
    expect((await mappings.list(cluster))[0]?.state).toBe('Disabled')
    const resumed = await mappings.ensure(cluster, plan('orders'))
    expect(resumed).toMatchObject({ action: 'enable', after: { id: after?.id, state: 'Enabling', consumerGroup: 'kafka-plus-indexer:prod:orders:g1' } })
    expect(fake.callsOf('UpdateEventSourceMappingCommand').at(-1)?.input).toEqual({ UUID: after?.id, Enabled: true, BatchSize: 1_000, MaximumBatchingWindowInSeconds: 1 })
    expect(fake.callsOf('CreateEventSourceMappingCommand')).toHaveLength(1)
  })

  it('changes batch size and window in place, and leaves the starting position as created', async () => {
    await mappings.ensure(cluster, plan('orders'))
    fake.tick()
    const resized = await mappings.ensure(cluster, plan('orders', { batchSize: 50, batchingWindowSeconds: 30, startingPosition: 'TRIM_HORIZON' }))
    expect(resized).toMatchObject({ action: 'update', after: { state: 'Updating', batchSize: 50, batchingWindowSeconds: 30, startingPosition: 'LATEST' } })
  })

  it('makes no mapping for a topic that is not indexed, and deletes one on removal', async () => {
    expect(await mappings.ensure(cluster, plan('quiet', { enabled: false }))).toEqual({ action: 'none', before: null, after: null })
    expect(fake.callsOf('CreateEventSourceMappingCommand')).toHaveLength(0)
    await mappings.ensure(cluster, plan('orders'))
    expect(await failure(mappings.remove(cluster, 'orders'))).toMatchObject({ code: 'MAPPING_BUSY' })
    fake.tick()
    expect(await mappings.remove(cluster, 'orders')).toMatchObject({ action: 'delete', after: { state: 'Deleting' } })
    // Put back while the old one is still being deleted: busy, not a duplicate group.
    expect(await failure(mappings.ensure(cluster, plan('orders')))).toMatchObject({ code: 'MAPPING_BUSY' })
    fake.tick()
    expect(fake.mappings()).toEqual([])
    expect((await mappings.remove(cluster, 'orders')).action).toBe('none')
    expect((await mappings.ensure(cluster, plan('orders'))).action).toBe('create')
  })

  it('re-creates a mapping deleted by hand between listing and updating', async () => {
    await mappings.ensure(cluster, plan('orders'))
    fake.tick()
    const [listed] = await mappings.list(cluster)
    fake.deleteByHand(listed?.id as string)
    const change = await mappings.ensure(cluster, plan('orders', { batchSize: 10 }), listed)
    expect(change).toMatchObject({ action: 'create', after: { state: 'Creating', batchSize: 10 } })
  })

  it('shows the last processing problem and why a mapping was disabled', async () => {
    const { after } = await mappings.ensure(cluster, plan('orders'))
    fake.tick()
    fake.setProcessingResult(after?.id as string, 'PROBLEM: Cluster failed to authorize Lambda.', 'PROBLEM: Lambda lost access to the cluster.')
    expect((await mappings.list(cluster))[0]).toMatchObject({
      state: 'Disabled', lastProcessingResult: 'PROBLEM: Cluster failed to authorize Lambda.', stateTransitionReason: 'PROBLEM: Lambda lost access to the cluster.',
    })
  })

  it('lists only its own mappings, across pages, and leaves one made by hand alone', async () => {
    for (const topic of ['t1', 't2', 't3']) await mappings.ensure(cluster, plan(topic))
    await fake.send(new CreateEventSourceMappingCommand({
      FunctionName: indexer, EventSourceArn: arn, Topics: ['manual'], StartingPosition: 'LATEST', AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'someone-else' },
    }))
    expect((await mappings.list(cluster)).map((m) => m.topic)).toEqual(['t1', 't2', 't3'])
    expect(fake.callsOf('ListEventSourceMappingsCommand').length).toBeGreaterThanOrEqual(2)
  })

  it('gives a topic removed and added back a new group, so TRIM_HORIZON reads from the start instead of resuming old offsets', async () => {
    const first = applyTopicInput(undefined, 'orders', { enabled: true }, 'olive')
    const { after: original } = await mappings.ensure(cluster, first)
    fake.tick()
    fake.commitOffsets(original?.id as string)
    // Paused and resumed: the same mapping and group, offsets kept.
    const paused = applyTopicInput(first, 'orders', { enabled: false }, 'olive')
    expect(paused.generation).toBe(first.generation)
    expect(await mappings.ensure(cluster, paused)).toMatchObject({ action: 'disable', after: { id: original?.id } })
    fake.tick()
    await mappings.remove(cluster, 'orders')
    fake.tick()
    const again = applyTopicInput(undefined, 'orders', { enabled: true, startingPosition: 'TRIM_HORIZON' }, 'olive')
    expect(again.generation).not.toBe(first.generation)
    const { after } = await mappings.ensure(cluster, again)
    expect(after).toMatchObject({ consumerGroup: mappingGroupId('prod', 'orders', again.generation), startingPosition: 'TRIM_HORIZON' })
    expect(after?.consumerGroup).not.toBe(original?.consumerGroup)
    expect(fake.startedFrom(after?.id as string)).toBe('TRIM_HORIZON')
  })

  it('(the limit it lifts) resumes from the old offsets when the group stays the same, as for plans written before generations', async () => {
    const legacy = (input: Partial<TopicPlanInput>) => ({ ...applyTopicInput(undefined, 'orders', { enabled: true, ...input }, 'olive'), generation: undefined })
    const { after: original } = await mappings.ensure(cluster, legacy({}))
    expect(original?.consumerGroup).toBe('kafka-plus-indexer:prod:orders')
    fake.tick()
    // In step with such a plan: nothing to do, no churn.
    expect((await mappings.ensure(cluster, legacy({}))).action).toBe('none')
    fake.commitOffsets(original?.id as string)
    await mappings.remove(cluster, 'orders')
    fake.tick()
    const { after } = await mappings.ensure(cluster, legacy({ startingPosition: 'TRIM_HORIZON' }))
    expect(after?.consumerGroup).toBe(original?.consumerGroup)
    expect(fake.startedFrom(after?.id as string)).toBe(committedOffsets)
  })

  it('deletes the mapping of an earlier generation still there when the topic comes back, then creates the new one', async () => {
    await mappings.ensure(cluster, plan('orders', {}, 'g1'))
    // Removed from the plan while its mapping was still Creating: the delete was refused.
    expect(await failure(mappings.remove(cluster, 'orders'))).toMatchObject({ code: 'MAPPING_BUSY' })
    fake.tick()
    const again = plan('orders', { startingPosition: 'TRIM_HORIZON' }, 'g2')
    const replaced = await reconcileCluster(cluster, { cluster: 'prod', topics: [again] }, mappings)
    expect(replaced).toMatchObject({
      changes: [{ action: 'delete', topic: 'orders', before: { consumerGroup: 'kafka-plus-indexer:prod:orders:g1' }, after: { state: 'Deleting' } }], pending: [], errors: [],
    })
    // Still being deleted: the new one waits (AWS allows one mapping per topic).
    expect(await reconcileCluster(cluster, { cluster: 'prod', topics: [again] }, mappings)).toMatchObject({ changes: [], pending: ['orders'] })
    fake.tick()
    const created = await reconcileCluster(cluster, { cluster: 'prod', topics: [again] }, mappings)
    expect(created.changes).toMatchObject([{ action: 'create', after: { consumerGroup: 'kafka-plus-indexer:prod:orders:g2', startingPosition: 'TRIM_HORIZON' } }])
  })

  it('names a create refused because the indexer function is missing as MAPPING_FAILED', async () => {
    const elsewhere = new MskMappings('kafka-plus-prod-Gone', fake)
    const refused = await failure(elsewhere.ensure(cluster, plan('orders'), null))
    expect(refused).toMatchObject({ code: 'MAPPING_FAILED', status: 502 })
    expect(refused.message).toContain('Function not found')
  })

  it('refuses a cluster without mskClusterArn, and names what AWS refused', async () => {
    const plain: ClusterConfig = { id: 'dev', name: 'dev', brokers: ['b:9092'] }
    expect(mappings.unmanageable(plain)).toMatchObject({ code: 'MSK_CLUSTER_ARN_REQUIRED', status: 409 })
    expect(await failure(mappings.ensure(plain, plan('orders')))).toMatchObject({ code: 'MSK_CLUSTER_ARN_REQUIRED' })
    // AWS's topic pattern wants at least two characters.
    const refused = await failure(mappings.ensure(cluster, plan('x')))
    expect(refused).toMatchObject({ code: 'MAPPING_FAILED', status: 502 })
    expect(refused.message).toContain('InvalidParameterValueException')
  })
})

describe('reconciling a cluster\'s mappings with its plan', () => {
  it('re-creates a mapping deleted by hand, deletes one whose topic left the plan, follows enabled/disabled, and waits out busy ones', async () => {
    for (const topic of ['a1', 'b1', 'gone']) await mappings.ensure(cluster, plan(topic))
    fake.tick()
    const [a1] = await mappings.list(cluster)
    fake.deleteByHand(a1?.id as string)
    const wanted = { cluster: 'prod', topics: [plan('a1'), plan('b1', { enabled: false }), plan('c1')] }
    const first = await reconcileCluster(cluster, wanted, mappings)
    expect(first.changes.map((c) => [c.action, c.topic])).toEqual([['create', 'a1'], ['disable', 'b1'], ['create', 'c1'], ['delete', 'gone']])
    expect(first).toMatchObject({ pending: [], errors: [] })
    // Nothing settled yet: b1 is Disabling, a1/c1 Creating, 'gone' Deleting. A plan change now meets busy mappings.
    const busy = await reconcileCluster(cluster, { cluster: 'prod', topics: [plan('a1', { enabled: false }), plan('b1'), plan('c1')] }, mappings)
    expect(busy).toMatchObject({ changes: [], errors: [] })
    expect(busy.pending.sort()).toEqual(['a1', 'b1'])
    fake.tick()
    const settled = await reconcileCluster(cluster, { cluster: 'prod', topics: [plan('a1', { enabled: false }), plan('b1'), plan('c1')] }, mappings)
    expect(settled.changes.map((c) => [c.action, c.topic])).toEqual([['disable', 'a1'], ['enable', 'b1']])
    fake.tick()
    expect((await mappings.list(cluster)).map((m) => [m.topic, m.state])).toEqual([['a1', 'Disabled'], ['b1', 'Enabled'], ['c1', 'Enabled']])
    const quiet = await reconcileCluster(cluster, { cluster: 'prod', topics: [plan('a1', { enabled: false }), plan('b1'), plan('c1')] }, mappings)
    expect(quiet).toMatchObject({ changes: [], pending: [], errors: [] })
  })
})

describe('the Lambda fake keeps AWS\'s rules', () => {
  const base: CreateEventSourceMappingCommandInput = { FunctionName: indexer, EventSourceArn: arn, Topics: ['orders'], StartingPosition: 'LATEST' }
  const refused = (input: Partial<CreateEventSourceMappingCommandInput>) => failure(fake.send(new CreateEventSourceMappingCommand({ ...base, ...input })))

  it('one topic per mapping, a starting position, batching in range, valid and unique group ids', async () => {
    expect(await refused({ Topics: ['a1', 'b1'] })).toMatchObject({ name: 'InvalidParameterValueException' })
    expect(await refused({ StartingPosition: undefined })).toMatchObject({ name: 'InvalidParameterValueException' })
    expect(await refused({ BatchSize: 10_001 })).toMatchObject({ name: 'InvalidParameterValueException' })
    expect(await refused({ MaximumBatchingWindowInSeconds: 301 })).toMatchObject({ name: 'InvalidParameterValueException' })
    expect(await refused({ AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'has space' } })).toMatchObject({ name: 'InvalidParameterValueException' })
    expect(await refused({ FunctionName: 'other' })).toMatchObject({ name: 'ResourceNotFoundException' })
    await fake.send(new CreateEventSourceMappingCommand({ ...base, AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'g1' } }))
    expect(await refused({ Topics: ['payments'], AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'g1' } })).toMatchObject({ name: 'ResourceConflictException' })
  })

  it('a group that already has committed offsets makes a new mapping resume from them, whatever its StartingPosition', async () => {
    const first = await fake.send(new CreateEventSourceMappingCommand({ ...base, AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'g1' } })) as { UUID: string }
    expect(fake.startedFrom(first.UUID)).toBe('LATEST')
    fake.tick()
    fake.commitOffsets(first.UUID)
    await fake.send(new DeleteEventSourceMappingCommand({ UUID: first.UUID }))
    fake.tick()
    const again = await fake.send(new CreateEventSourceMappingCommand({ ...base, StartingPosition: 'TRIM_HORIZON', AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'g1' } })) as { UUID: string }
    expect(fake.startedFrom(again.UUID)).toBe(committedOffsets)
    const fresh = await fake.send(new CreateEventSourceMappingCommand({ ...base, Topics: ['payments'], StartingPosition: 'TRIM_HORIZON', AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'g2' } })) as { UUID: string }
    expect(fake.startedFrom(fresh.UUID)).toBe('TRIM_HORIZON')
  })

  it('topic, group and start fixed after creation; in use while busy; unknown UUIDs not found', async () => {
    const created = await fake.send(new CreateEventSourceMappingCommand({ ...base, AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'g1' } })) as { UUID: string }
    const update = (input: Record<string, unknown>) => failure(fake.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, ...input })))
    expect(await update({ BatchSize: 10 })).toMatchObject({ name: 'ResourceInUseException' })
    expect(await failure(fake.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID })))).toMatchObject({ name: 'ResourceInUseException' })
    fake.tick()
    expect(await update({ AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'g2' } })).toMatchObject({ name: 'InvalidParameterValueException' })
    expect(await update({ Topics: ['payments'] })).toMatchObject({ name: 'InvalidParameterValueException' })
    expect(await update({ StartingPosition: 'TRIM_HORIZON' })).toMatchObject({ name: 'InvalidParameterValueException' })
    expect(await failure(fake.send(new GetEventSourceMappingCommand({ UUID: '00000000-0000-4000-8000-000000000000' })))).toMatchObject({ name: 'ResourceNotFoundException' })
  })
})
