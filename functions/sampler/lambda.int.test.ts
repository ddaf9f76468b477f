// The scheduled sampler invoked as Lambda would, against the real broker and VictoriaLogs.
import { Admin, produce } from '../testing/kafka.ts'
import type { ScheduledEvent } from 'aws-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import type { AuditRun, SamplerRun } from '../core/storage/sampler.ts'
import type { SampleNowEvent } from '../aws/invoke-sampler.ts'
import { queryUntil } from '../testing/logs.ts'
import { testEnv, uniqueName } from '../testing/stack.ts'

const env = testEnv()
const brokers = [env.KAFKA_BROKERS as string]
const topic = uniqueName('it-sampler')
const admin = new Admin({ clientId: 'sampler-test', bootstrapBrokers: brokers })
const logs = new VictoriaLogsClient(env.VICTORIALOGS_URL as string)

const schedulerEvent: ScheduledEvent = {
  version: '0', id: 'c4b1e8f2-0000-4000-8000-000000000001', 'detail-type': 'Scheduled Event', source: 'aws.scheduler',
  account: '123456789012', time: new Date().toISOString(), region: 'eu-west-1',
  resources: ['arn:aws:scheduler:eu-west-1:123456789012:schedule/default/kafka-plus-sampler'], detail: {},
}

beforeAll(async () => {
  Object.assign(process.env, env)
  await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 })
  const value = 'x'.repeat(1000)
  // Partition p gets (p + 1) × 50 records of ~1 KB, so sizes are ordered.
  await produce(brokers, topic, [0, 1, 2].flatMap((partition) => Array.from({ length: (partition + 1) * 50 }, (_, i) => ({ partition, key: `k${i}`, value }))))
})

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin.close()
  await logs.close()
})

describe('sampler Lambda handler', () => {
  it('samples every partition replica into VictoriaLogs, sized in the produced order', async () => {
    const { handler } = await import('./lambda.ts')
    const result = await handler(schedulerEvent) as { runs: SamplerRun[] }
    expect(result.runs).toEqual([expect.objectContaining({ cluster: 'local', ok: true, partial: false })])
    const rows = await queryUntil(logs, `kind:storage cluster:local record:partition topic:"${topic}" _time:>=${result.runs[0]?.sampledAt}`, (r) => r.length >= 3)
    const bytes = [0, 1, 2].map((p) => Number(rows.find((r) => r.partition === String(p))?.bytes))
    expect(bytes.every((b) => b > 0)).toBe(true)
    expect(bytes[0]).toBeLessThan(bytes[1] as number)
    expect(bytes[1]).toBeLessThan(bytes[2] as number)
    // ~1 KB per record plus batch overhead: 50 records are at least 50 KB on disk.
    expect(bytes[0]).toBeGreaterThan(50_000)
    const summary = await queryUntil(logs, `kind:storage record:sample sampleId:"${rows[0]?.sampleId}"`, (r) => r.length > 0)
    expect(summary[0]).toMatchObject({ partial: 'false', brokersFailed: '0' })
    const dirs = await queryUntil(logs, `kind:storage record:logdir sampleId:"${rows[0]?.sampleId}"`, (r) => r.length > 0)
    expect(Number(dirs[0]?.totalBytes)).toBeGreaterThan(Number(dirs[0]?.usableBytes))
  })

  it('samples one cluster for a "sample now" event, as the API sends it with InvocationType Event', async () => {
    const { handler } = await import('./lambda.ts')
    const event: SampleNowEvent = { source: 'kafka-plus', task: 'sample', cluster: 'local', requestedAt: new Date().toISOString() }
    const result = await handler(event) as { runs: SamplerRun[] }
    expect(result.runs).toEqual([expect.objectContaining({ cluster: 'local', ok: true })])
    const topicRows = await queryUntil(logs, `{kind="storage",cluster="local",record="topic"} sampleId:=${JSON.stringify(result.runs[0]?.sampleId)} topic:=${JSON.stringify(topic)}`, (r) => r.length > 0)
    expect(topicRows[0]).toMatchObject({ partitions: '3', complete: 'true', messages: '300' })
  })

  it('runs the retention audit for the daily schedule event and stores the report with the samples', async () => {
    const { handler } = await import('./lambda.ts')
    const result = await handler({ ...schedulerEvent, task: 'audit' }) as { audits: AuditRun[] }
    expect(result.audits).toEqual([expect.objectContaining({ cluster: 'local', ok: true })])
    const rows = await queryUntil(logs, `{kind="storage",cluster="local",record="audit"} auditId:=${JSON.stringify(result.audits[0]?.auditId)}`, (r) => r.length > 0)
    expect(Number(rows[0]?.findings)).toBe(result.audits[0]?.findings)
  })
})
