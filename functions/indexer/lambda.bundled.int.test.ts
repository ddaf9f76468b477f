// The MSK indexer function as deployed: bundled as SST bundles it, its own Node process, the plan
// in the DynamoDB plan table (moto's server, linked as KafkaPlusPlanTable), invoked with `aws:kafka`
// events shaped as AWS documents them (records by "topic-partition", base64 key and value, headers
// as byte arrays), and writing into the real VictoriaLogs.
import type { MSKEvent, MSKRecord } from 'aws-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DynamoPlanStore } from '../aws/dynamo-plan-store.ts'
import { applyTopicInput } from '../core/indexing/plan.ts'
import { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import { createPlanTable, motoDynamoClient, motoEnv } from '../testing/dynamo.ts'
import { asDeployed, BundledLambda, bundleLambda, LambdaInvocationError, type LambdaBundle, type StartOptions } from '../testing/lambda-bundle.ts'
import { queryUntil } from '../testing/logs.ts'
import { testEnv, uniqueName } from '../testing/stack.ts'

const env = testEnv()
const arn = 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/a1b2c3d4-0000-4000-8000-00000000b0b0-2'
const cluster = uniqueName('bi').replaceAll('-', '_')
const topic = uniqueName('it-bundled-msk')
const quiet = uniqueName('it-bundled-quiet')
const word = uniqueName('bundledword').replaceAll('-', '')
const logs = new VictoriaLogsClient(env.VICTORIALOGS_URL as string)
const dynamo = motoDynamoClient()
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64')
let table: Awaited<ReturnType<typeof createPlanTable>>
let store: DynamoPlanStore
let bundle: LambdaBundle
let indexer: BundledLambda

const record = (name: string, partition: number, offset: number, value: string | Buffer, key?: string): MSKRecord => ({
  topic: name, partition, offset, timestamp: Date.now() - 1_000 + offset, timestampType: 'CREATE_TIME',
  ...(key === undefined ? {} : { key: b64(key) }), value: b64(value),
  headers: [{ traceparent: [...Buffer.from(`00-trace-${offset}`)] }],
} as MSKRecord)

const eventOf = (records: MSKEvent['records']): MSKEvent => ({
  eventSource: 'aws:kafka',
  eventSourceArn: arn,
  bootstrapServers: 'b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9098,b-2.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9098',
  records,
})

/** The indexer's configuration as deployed: clusters, secrets, VictoriaLogs and the plan table by link. */
function startOptions(victoriaLogsUrl: string): StartOptions {
  const { KAFKA_BROKERS: _brokers, ...rest } = env
  const { links, environment } = asDeployed({
    ...rest,
    VICTORIALOGS_URL: victoriaLogsUrl,
    KAFKA_PLUS_CLUSTERS: JSON.stringify([
      { id: 'other', brokers: ['b-1.other:9098'], mskClusterArn: arn.replace('/prod/', '/other/') },
      { id: cluster, brokers: ['b-1.prod:9098'], mskClusterArn: arn },
    ]),
    KAFKA_PLUS_PLAN_TABLE: table.table,
  })
  // moto stands in for DynamoDB through the SDK's AWS_ENDPOINT_URL.
  return { functionName: 'kafka-plus-test-Indexer', links, environment: { ...environment, AWS_ENDPOINT_URL: motoEnv().AWS_ENDPOINT_URL } }
}

beforeAll(async () => {
  const [built, created] = await Promise.all([bundleLambda('functions/indexer/lambda.ts'), createPlanTable(dynamo, 'it-bundled-plans')])
  bundle = built
  table = created
  store = new DynamoPlanStore(table.table, dynamo)
  const settings = applyTopicInput(undefined, topic, { enabled: true, maxValueBytes: 1_024, extractFields: 10 }, 'olive')
  await store.setTopic(cluster, topic, settings, '0')
  indexer = await BundledLambda.start(bundle, startOptions(env.VICTORIALOGS_URL as string))
})

afterAll(async () => {
  await indexer?.close()
  bundle?.remove()
  await table?.drop()
  dynamo.destroy()
  await logs.close()
})

describe('MSK indexer Lambda, bundled as SST bundles it', () => {
  it('indexes the batch of the cluster named by eventSourceArn under the plan from the plan table', async () => {
    const event = eventOf({
      [`${topic}-0`]: [record(topic, 0, 0, `{"level":"error","msg":"${word} zero"}`, 'order-1'), record(topic, 0, 2, Buffer.from([0xff, 0x00, 0xfe]), 'order-2')],
      [`${topic}-1`]: [record(topic, 1, 1, `plain text ${word} one`), record(topic, 1, 3, `${word} ${'y'.repeat(5_000)}`, 'order-3')],
      // Not in the plan: skipped.
      [`${quiet}-0`]: [record(quiet, 0, 0, `${word} quiet`)],
    })
    expect(await indexer.invoke(event)).toMatchObject({ seen: 4, indexed: 4 })
    const rows = await queryUntil(logs, `{kind="messages",cluster="${cluster}",topic="${topic}"} | sort by (offset)`, (r) => r.length === 4)
    expect(rows.map((r) => r.offset)).toEqual(['0', '1', '2', '3'])
    expect(rows[0]).toMatchObject({ key: 'order-1', level: 'error', msg: `${word} zero`, 'headers.traceparent': '00-trace-0', partition: '0' })
    expect(rows[1]).toMatchObject({ _msg: `plain text ${word} one`, partition: '1' })
    expect(rows[2]).toMatchObject({ _msg: b64(Buffer.from([0xff, 0x00, 0xfe])), valueEncoding: 'base64' })
    expect(rows[3]).toMatchObject({ truncated: 'true' })
    expect(String(rows[3]?._msg)).toHaveLength(1_024)
    expect(indexer.output()).toContain(`"cluster":"${cluster}"`)
  })

  it('follows a plan change on the next batch (the cached plan is re-read when the table\'s version moves)', async () => {
    const { plan, version } = await store.read(cluster)
    const current = plan.topics.find((t) => t.topic === topic)
    await store.setTopic(cluster, topic, applyTopicInput(current, topic, { enabled: false }, 'olive'), version)
    const result = await indexer.invoke(eventOf({ [`${topic}-0`]: [record(topic, 0, 4, `${word} after pause`)] }))
    expect(result).toMatchObject({ seen: 0, indexed: 0 })
  })

  it('fails the invocation when VictoriaLogs does not take the batch, so the mapping retries it', async () => {
    const unreachable = startOptions('http://127.0.0.1:9')
    const down = await BundledLambda.start(bundle, { ...unreachable, environment: { ...unreachable.environment, KAFKA_PLUS_INDEXER_ATTEMPTS: '2' } })
    try {
      const { version } = await store.read(cluster)
      await store.setTopic(cluster, quiet, applyTopicInput(undefined, quiet, { enabled: true }, 'olive'), version)
      const failure = await down.invoke(eventOf({ [`${quiet}-0`]: [record(quiet, 0, 1, 'x')] })).then(() => null, (error: unknown) => error)
      expect(failure).toBeInstanceOf(LambdaInvocationError)
      expect(failure).toMatchObject({ errorType: 'AppError' })
      expect(down.output()).toContain('VictoriaLogs write failed, retrying')
    } finally {
      await down.close()
    }
  })
})
