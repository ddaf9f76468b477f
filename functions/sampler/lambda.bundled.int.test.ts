// The sampler function as deployed (bundled as SST bundles it, its own Node process, configuration
// by SST link), invoked with the payloads it really receives: what sst.aws.CronV2 hands EventBridge
// Scheduler as the target input (JSON.stringify(args.event || {}) in SST's cron-v2.ts: `{}` for
// the 5-minute schedule, `{"task":"audit"}` for the daily one), and the "sample now" event the API
// sends (functions/aws/invoke-sampler.ts). Against the real broker and VictoriaLogs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SampleNowEvent } from '../aws/invoke-sampler.ts'
import type { AuditRun, SamplerRun } from '../core/storage/sampler.ts'
import { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import { Admin, produce } from '../testing/kafka.ts'
import { asDeployed, BundledLambda, bundleLambda, LambdaInvocationError, type LambdaBundle } from '../testing/lambda-bundle.ts'
import { queryUntil } from '../testing/logs.ts'
import { testEnv, uniqueName } from '../testing/stack.ts'

const env = testEnv()
const brokers = [env.KAFKA_BROKERS as string]
const topic = uniqueName('it-bundled-sampler')
const cluster = uniqueName('bs').replaceAll('-', '_')
const admin = new Admin({ clientId: 'bundled-sampler-test', bootstrapBrokers: brokers })
const logs = new VictoriaLogsClient(env.VICTORIALOGS_URL as string)
let bundle: LambdaBundle
let sampler: BundledLambda

/** The stage's configuration, deployed as the stacks deploy it (clusters and secrets by link). */
function deployed(clusters: object[]) {
  const { KAFKA_BROKERS: _brokers, ...rest } = env
  return asDeployed({ ...rest, KAFKA_PLUS_CLUSTERS: JSON.stringify(clusters) })
}

beforeAll(async () => {
  const [built] = await Promise.all([
    bundleLambda('functions/sampler/lambda.ts'),
    admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 }),
  ])
  bundle = built
  await produce(brokers, topic, [0, 1].flatMap((partition) => Array.from({ length: 20 }, (_, i) => ({ partition, key: `k${i}`, value: 'v'.repeat(200) }))))
  sampler = await BundledLambda.start(bundle, { functionName: 'kafka-plus-test-Sampler', memoryMb: 512, ...deployed([{ id: cluster, brokers }]) })
})

afterAll(async () => {
  await sampler?.close()
  bundle?.remove()
  await admin.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin.close()
  await logs.close()
})

describe('sampler Lambda, bundled as SST bundles it', () => {
  it('samples every configured cluster for the CronV2 schedule\'s event ({}), into VictoriaLogs', async () => {
    const result = await sampler.invoke<{ runs: SamplerRun[] }>({})
    expect(result.runs).toEqual([expect.objectContaining({ cluster, ok: true, partial: false })])
    const rows = await queryUntil(logs, `{kind="storage",cluster="${cluster}",record="topic"} sampleId:=${JSON.stringify(result.runs[0]?.sampleId)} topic:=${JSON.stringify(topic)}`, (r) => r.length > 0)
    expect(rows[0]).toMatchObject({ partitions: '2', complete: 'true', messages: '40' })
    expect(sampler.output()).toContain('"msg":"storage sample"')
  })

  it('samples the one cluster of a "sample now" event, as the API sends it', async () => {
    const event: SampleNowEvent = { source: 'kafka-plus', task: 'sample', cluster, requestedAt: new Date().toISOString() }
    const result = await sampler.invoke<{ runs: SamplerRun[] }>(event)
    expect(result.runs.map((r) => [r.cluster, r.ok])).toEqual([[cluster, true]])
    const rows = await queryUntil(logs, `{kind="storage",cluster="${cluster}",record="partition"} sampleId:=${JSON.stringify(result.runs[0]?.sampleId)} topic:=${JSON.stringify(topic)}`, (r) => r.length === 2)
    expect(rows.map((r) => Number(r.bytes)).every((bytes) => bytes > 4_000)).toBe(true)
  })

  it('runs the retention audit for the daily schedule\'s event ({"task":"audit"})', async () => {
    const result = await sampler.invoke<{ audits: AuditRun[] }>({ task: 'audit' })
    expect(result.audits).toEqual([expect.objectContaining({ cluster, ok: true })])
  })

  it('fails the invocation, naming the cluster, when a broker cannot be reached (so the schedule\'s alarms see it)', async () => {
    const broken = await BundledLambda.start(bundle, {
      functionName: 'kafka-plus-test-Sampler-broken', ...deployed([{ id: 'gone', brokers: ['127.0.0.1:9'] }]),
    })
    try {
      const failure = await broken.invoke({}).then(() => null, (error: unknown) => error)
      expect(failure).toBeInstanceOf(LambdaInvocationError)
      expect((failure as LambdaInvocationError).errorMessage).toMatch(/^Sampling failed for gone \(/)
    } finally {
      await broken.close()
    }
  })
})
