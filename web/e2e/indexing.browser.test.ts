// The indexing plan as an operator uses it: enable a topic with a rate and keep rules, see
// records seen vs indexed and storage saved, read the generated Vector config. In AWS mode (plan
// in DynamoDB on moto's server, MSK event source mappings through the Lambda fake): the mapping
// settings, and each mapping's state, problem and removal as the page shows them.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Admin } from '../../functions/testing/kafka.ts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CompiledPlan } from '../../functions/core/indexing/batch.ts'
import { indexBatch } from '../../functions/core/indexing/indexer.ts'
import { FilePlanStore } from '../../functions/core/indexing/plan-store.ts'
import { createPlanTable, motoDynamoClient, motoEnv } from '../../functions/testing/dynamo.ts'
import { FakeLambdaEsm } from '../../functions/testing/fake-lambda-esm.ts'
import { adminToken, testConfig, uniqueName, viewerToken } from '../../functions/testing/stack.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
let admin: Admin
const home = mkdtempSync(join(tmpdir(), 'kp-ui-plan-'))
const store = new FilePlanStore(home)
const topic = uniqueName('ui-index-payments')

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startServer({ KAFKA_PLUS_HOME: home })])
  admin = new Admin({ clientId: 'browser-indexing-test', bootstrapBrokers: server.deps.config.clusters[0]?.brokers ?? [] })
  await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 })
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  await signIn(page, server.url, adminToken)
})

afterAll(async () => {
  await admin?.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin?.close()
  await browser?.close()
  await server?.close()
  rmSync(home, { recursive: true, force: true })
})

describe('indexing plan', () => {
  it('enables a topic with a sample rate and keep rules', async () => {
    await page.goto(`${server.url}/c/local/indexing`)
    await page.getByRole('button', { name: 'Index a topic…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Index a topic' })
    await dialog.getByLabel('Topic').fill(topic)
    await dialog.getByLabel('Sample rate (%)').fill('10')
    await dialog.getByLabel('Keep rules').fill('ERROR\n/time ?out/i')
    await dialog.getByRole('button', { name: 'Save' }).click()
    const row = page.locator(`tr[data-topic="${topic}"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain('10%')
    expect(await row.textContent()).toContain('ERROR · /time ?out/i')
    expect((await store.load('local')).topics[0]).toMatchObject({ topic, sampleRate: 0.1, keep: ['ERROR', '/time ?out/i'] })
    // Local mode: no mappings, so neither their column nor their settings.
    expect(await page.getByRole('columnheader', { name: 'Mapping' }).count()).toBe(0)
  })

  it('shows records seen vs indexed and the storage saved', async () => {
    await indexBatch(server.deps.logs, new CompiledPlan(await store.load('local')), Array.from({ length: 1_000 }, (_, i) => ({
      topic, partition: i % 2, offset: String(i), timestamp: Date.now(), key: Buffer.from(`payer-${i}`), value: Buffer.from(`payment ${i} ${'x'.repeat(200)}`), headers: [],
    })))
    const seen = page.locator(`tr[data-topic="${topic}"] td[data-stat="seen"]`)
    await expect.poll(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click()
      return seen.textContent()
    }, { timeout: 15_000, interval: 1_000 }).toBe('1,000')
    const indexed = Number((await page.locator(`tr[data-topic="${topic}"] td[data-stat="indexed"]`).textContent())?.replace(/\D/g, ''))
    expect(indexed).toBeGreaterThan(50)
    expect(indexed).toBeLessThan(150)
    expect(await page.locator(`tr[data-topic="${topic}"] td[data-stat="saved"]`).textContent()).toMatch(/^(8\d|9\d)%/)
    // The saving in money too, at the configured storage price (stated in the tooltip).
    const cost = page.getByTestId('indexing-saved-cost')
    expect(await cost.textContent()).toMatch(/^ ≈ (<\$0\.01|\$\d+\.\d\d)\/month$/)
    expect(await cost.getAttribute('title')).toContain('$0.10 per GB-month')
    await screenshot(page, 'indexing')
  })

  it('shows the generated Vector config with the topic in it', async () => {
    await page.getByRole('region', { name: 'Vector configuration' }).getByRole('button', { name: 'Show' }).click()
    const yaml = page.locator('pre.vector-yaml')
    await yaml.waitFor()
    expect(await yaml.textContent()).toContain(`- "${topic}"`)
    expect(await yaml.textContent()).toContain('ratio: 0.1')
  })

  it('edits and removes the topic', async () => {
    await page.getByRole('button', { name: `Edit indexing of ${topic}` }).click()
    const dialog = page.getByRole('dialog', { name: `Indexing of ${topic}` })
    await dialog.getByRole('button', { name: 'Remove from plan' }).click()
    await page.locator(`tr[data-topic="${topic}"]`).waitFor({ state: 'detached' })
    expect((await store.load('local')).topics).toEqual([])
  })

  it('gives viewers no editing controls', async () => {
    const viewer = await browser.newPage()
    await signIn(viewer, server.url, viewerToken)
    await viewer.goto(`${server.url}/c/local/indexing`)
    await viewer.getByRole('heading', { name: 'Indexing' }).waitFor()
    await viewer.getByRole('table', { name: 'Indexing plan' }).waitFor()
    expect(await viewer.getByRole('button', { name: 'Index a topic…' }).count()).toBe(0)
    await viewer.close()
  })
})

describe('indexing on AWS (MSK event source mappings)', () => {
  const indexer = 'kafka-plus-ui-Indexer'
  const arn = 'arn:aws:kafka:eu-west-1:123456789012:cluster/ui/a1b2c3d4-0000-4000-8000-000000000002-2'
  const awsTopic = uniqueName('ui-index-aws')
  const fake = new FakeLambdaEsm([indexer])
  const dynamo = motoDynamoClient()
  const savedEnv = { ...process.env }
  let table: Awaited<ReturnType<typeof createPlanTable>>
  let aws: Awaited<ReturnType<typeof startServer>>
  let awsPage: Page
  const row = () => awsPage.locator(`tr[data-topic="${awsTopic}"]`)
  const mappingCell = () => row().locator('td[data-col="mapping"]')
  const refresh = () => awsPage.getByRole('button', { name: 'Refresh' }).click()

  beforeAll(async () => {
    // As on Lambda: the SDK finds moto's endpoint, region and credentials in the environment.
    Object.assign(process.env, motoEnv())
    table = await createPlanTable(dynamo, 'ui-plans')
    const brokers = testConfig().clusters[0]?.brokers ?? []
    aws = await startServer({
      KAFKA_PLUS_PLAN_TABLE: table.table,
      KAFKA_PLUS_INDEXER_FUNCTION: indexer,
      KAFKA_PLUS_CLUSTERS: JSON.stringify([{ id: 'local', brokers, mskClusterArn: arn }]),
    }, { lambdaClient: fake })
    await admin.createTopics({ topics: [awsTopic], partitions: 1, replicas: 1 })
    awsPage = await browser.newPage({ viewport: { width: 1360, height: 900 } })
    await signIn(awsPage, aws.url, adminToken)
  })

  afterAll(async () => {
    await admin?.deleteTopics({ topics: [awsTopic] }).catch(() => {})
    await awsPage?.close()
    await aws?.close()
    await table?.drop()
    dynamo.destroy()
    for (const name of Object.keys(motoEnv())) {
      if (savedEnv[name] === undefined) delete process.env[name]
      else process.env[name] = savedEnv[name]
    }
  })

  it('enables a topic from the start of retention with its batching, checked before it is sent', async () => {
    await awsPage.goto(`${aws.url}/c/local/indexing`)
    await awsPage.getByRole('button', { name: 'Index a topic…' }).click()
    const dialog = awsPage.getByRole('dialog', { name: 'Index a topic' })
    await dialog.getByLabel('Topic').fill(awsTopic)
    await dialog.getByLabel('From the start of retention').check()
    await dialog.getByLabel('Batch size').fill('20000')
    await dialog.getByLabel('Batching window (s)').fill('5')
    await dialog.getByRole('button', { name: 'Save' }).click()
    expect(await dialog.getByRole('alert').textContent()).toContain('The batch size is a whole number from 1 to 10,000.')
    expect(fake.callsOf('CreateEventSourceMappingCommand')).toEqual([])
    await dialog.getByLabel('Batch size').fill('500')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await mappingCell().textContent()).toBe('Creating')
    expect(fake.callsOf('CreateEventSourceMappingCommand').map((c) => c.input)).toMatchObject([
      { Topics: [awsTopic], StartingPosition: 'TRIM_HORIZON', BatchSize: 500, MaximumBatchingWindowInSeconds: 5 },
    ])
    expect(await mappingCell().locator('.badge').getAttribute('title')).toMatch(/^Consumer group kafka-plus/)
  })

  it('says when a change is saved but the busy mapping did not follow it', async () => {
    await awsPage.getByRole('button', { name: `Edit indexing of ${awsTopic}` }).click()
    const dialog = awsPage.getByRole('dialog', { name: `Indexing of ${awsTopic}` })
    expect(await dialog.getByLabel('From the start of retention').isDisabled()).toBe(true)
    expect(await dialog.getByLabel('From the start of retention').isChecked()).toBe(true)
    await dialog.getByLabel('Batch size').fill('200')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.waitFor({ state: 'detached' })
    const alert = awsPage.getByRole('alert').filter({ hasText: `Plan of ${awsTopic} saved; its mapping follows on the reconciler’s next run` })
    expect(await alert.textContent()).toContain(`The event source mapping of topic '${awsTopic}' is busy`)
    expect(await alert.textContent()).toContain('MAPPING_BUSY')
  })

  it('shows the mapping Enabled once Lambda has created it, and a poll problem with the reason Lambda disabled it', async () => {
    fake.tick()
    await refresh()
    await expect.poll(() => mappingCell().textContent()).toBe('Enabled')
    const [mapping] = fake.mappings()
    fake.setProcessingResult(mapping?.UUID ?? '', 'PROBLEM: Cluster failed to authorize Lambda.')
    await refresh()
    await expect.poll(() => mappingCell().textContent()).toBe('Enabled⚠ PROBLEM: Cluster failed to authorize Lambda.')
    fake.setProcessingResult(mapping?.UUID ?? '', 'PROBLEM: Cluster failed to authorize Lambda.', 'Lambda disabled the mapping: the cluster refused its credentials.')
    await refresh()
    await expect.poll(() => mappingCell().locator('.mapping-reason').textContent()).toBe('Lambda disabled the mapping: the cluster refused its credentials.')
    expect(await mappingCell().locator('.badge').textContent()).toBe('Disabled')
    expect(await mappingCell().getByRole('note').textContent()).toBe('⚠ PROBLEM: Cluster failed to authorize Lambda.')
    await screenshot(awsPage, 'indexing-aws')
  })

  it('lists a removed topic\'s mapping as being removed until Lambda has deleted it', async () => {
    await awsPage.getByRole('button', { name: `Edit indexing of ${awsTopic}` }).click()
    await awsPage.getByRole('dialog', { name: `Indexing of ${awsTopic}` }).getByRole('button', { name: 'Remove from plan' }).click()
    await row().waitFor({ state: 'detached' })
    const removing = awsPage.getByRole('region', { name: 'Mappings being removed' })
    expect(await removing.textContent()).toBe(`Being removed:${awsTopic} Deleting`)
    fake.tick()
    await refresh()
    await removing.waitFor({ state: 'detached' })
  })
})
