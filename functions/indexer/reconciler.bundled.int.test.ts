// The indexing reconciler as deployed: bundled as SST bundles it, its own Node process, invoked with
// its CronV2 schedule's payload ({}), reading the plan from the DynamoDB plan table on moto and
// calling the Lambda API through the bundled SDK. moto's Lambda API cannot hold MSK event source
// mappings (no such function there, and it refuses MSK sources), and a bundle in its own process
// takes no stand-in client: so this checks what the deployed function does when AWS refuses —
// each refusal reported per topic or per cluster, the run itself never failing, while the
// orchestrator's behaviour against a faithful fake is checked in reconciler.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DynamoPlanStore } from '../aws/dynamo-plan-store.ts'
import { applyTopicInput } from '../core/indexing/plan.ts'
import { createPlanTable, motoDynamoClient, motoEnv } from '../testing/dynamo.ts'
import { asDeployed, BundledLambda, bundleLambda, LambdaInvocationError, type LambdaBundle, type StartOptions } from '../testing/lambda-bundle.ts'
import { testEnv, uniqueName } from '../testing/stack.ts'
import type { ReconcileRun } from './reconciler.ts'

const env = testEnv()
const arn = 'arn:aws:kafka:eu-west-1:123456789012:cluster/it/a1b2c3d4-0000-4000-8000-00000000c0c0-1'
const managed = uniqueName('brc').replaceAll('-', '_')
const indexerName = 'kafka-plus-test-Indexer'
const dynamo = motoDynamoClient()
let table: Awaited<ReturnType<typeof createPlanTable>>
let bundle: LambdaBundle

/** The reconciler's configuration as deployed (stacks/runtime.ts: plan table and indexer by link). */
function startOptions(extra: Record<string, string> = {}, environment: Record<string, string> = {}): StartOptions {
  const { KAFKA_BROKERS: brokers, ...rest } = env
  const { links, environment: plain } = asDeployed({
    ...rest,
    KAFKA_PLUS_CLUSTERS: JSON.stringify([
      { id: managed, brokers: [brokers], mskClusterArn: arn },
      { id: 'plain', brokers: [brokers] },
    ]),
    KAFKA_PLUS_PLAN_TABLE: table.table,
    KAFKA_PLUS_INDEXER_FUNCTION: indexerName,
    ...extra,
  })
  return { functionName: 'kafka-plus-test-Reconciler', memoryMb: 256, links, environment: { ...plain, AWS_ENDPOINT_URL: motoEnv().AWS_ENDPOINT_URL, ...environment } }
}

beforeAll(async () => {
  const [built, created] = await Promise.all([bundleLambda('functions/indexer/reconciler.ts'), createPlanTable(dynamo, 'it-bundled-reconcile')])
  bundle = built
  table = created
  await new DynamoPlanStore(table.table, dynamo).setTopic(managed, 'orders', applyTopicInput(undefined, 'orders', { enabled: true }, 'olive'), '0')
})

afterAll(async () => {
  bundle?.remove()
  await table?.drop()
  dynamo.destroy()
})

/** Starts an instance, runs one scheduled invocation, stops it. */
async function scheduledRun(options: StartOptions) {
  const reconciler = await BundledLambda.start(bundle, options)
  try {
    const outcome = await reconciler.invoke<ReconcileRun>({}).then((run) => ({ run, error: null }), (error: unknown) => ({ run: null, error }))
    return { ...outcome, output: reconciler.output() }
  } finally {
    await reconciler.close()
  }
}

describe('indexing reconciler Lambda, bundled as SST bundles it', () => {
  it('reads the plan table, lists the mappings and reports each create AWS refuses per topic, without failing the run', async () => {
    const { run, error, output } = await scheduledRun(startOptions())
    expect(error).toBeNull()
    expect(run?.skipped).toEqual(['plain'])
    expect(run?.failed).toEqual([])
    // moto lists no mappings, then refuses to create one for a function it does not have.
    expect(run?.reports).toEqual([{
      cluster: managed, changes: [], pending: [],
      errors: [{ topic: 'orders', code: 'MAPPING_FAILED', message: expect.stringContaining(`Function not found: arn:aws:lambda:eu-west-1:123456789012:function:${indexerName}`) as unknown }],
    }])
    expect(output).toContain('"msg":"reconciled indexing mappings"')
  })

  it('reports a cluster whose mappings cannot be listed, and still completes the run', async () => {
    // Only the Lambda API is out of reach (the SDK's service-specific endpoint); the plan table is not.
    const { run, error, output } = await scheduledRun(startOptions({}, { AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:9' }))
    expect(error).toBeNull()
    expect(run?.reports).toEqual([])
    expect(run?.skipped).toEqual(['plain'])
    expect(run?.failed).toEqual([{ cluster: managed, error: expect.stringContaining(`The event source mappings of the indexer function '${indexerName}' could not be listed`) as unknown }])
    expect(output).toContain('"msg":"could not reconcile indexing mappings"')
  })

  it('fails the invocation when the indexer function is not linked (nothing to reconcile for)', async () => {
    const { KafkaPlusIndexer: _indexer, ...links } = startOptions().links ?? {}
    const { error } = await scheduledRun({ ...startOptions(), links })
    expect(error).toBeInstanceOf(LambdaInvocationError)
    expect((error as LambdaInvocationError).errorMessage).toContain('needs KAFKA_PLUS_INDEXER_FUNCTION')
  })
})
