// The schema browser on the real Apicurio registry: a subject registered under a unique name is
// listed (filterable, with the topic its name ties it to), its versions, type, id, compatibility
// and pretty schema text show; a record decoded with it shows the schema in its detail, linked.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { VictoriaLogsClient } from '../../functions/core/victorialogs/index.ts'
import { Producer, waitForLeaders } from '../../functions/testing/kafka.ts'
import { queryUntil } from '../../functions/testing/logs.ts'
import { viewerToken } from '../../functions/testing/stack.ts'
import { TestTopics } from '../../functions/testing/topics.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

const registryUrl = inject('schemaRegistryUrl')
const contentType = { 'content-type': 'application/vnd.schemaregistry.v1+json' }
const orderV1 = { type: 'record', name: 'Order', namespace: 'com.acme', fields: [{ name: 'id', type: 'string' }] }
const orderV2 = { ...orderV1, fields: [...orderV1.fields, { name: 'total', type: 'long', default: 0 }] }

let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
let topics: TestTopics
let topic: string
let subject: string
const ids: number[] = []

async function register(schema: unknown): Promise<number> {
  const response = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, { method: 'POST', headers: contentType, body: JSON.stringify({ schema: JSON.stringify(schema) }) })
  expect(response.status).toBe(200)
  return (await response.json() as { id: number }).id
}

describe.skipIf(!registryUrl)('schema browser', () => {
  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchBrowser(), startServer({ SCHEMA_REGISTRY_URL: registryUrl })])
    const brokers = server.deps.config.clusters[0]?.brokers ?? []
    topics = new TestTopics(brokers, 'browser-schemas-test')
    topic = await topics.create('ui-schemas', 1)
    subject = `${topic}-value`
    ids.push(await register(orderV1), await register(orderV2))
    await waitForLeaders(brokers, topic)
    const producer = new Producer({ clientId: 'browser-schemas-test', bootstrapBrokers: brokers, idempotent: true, acks: -1 })
    const header = Buffer.alloc(5)
    header.writeUInt32BE(ids[1] as number, 1)
    // Order{id "m", total 1} in Confluent's wire format: magic 0, schema id, Avro (string "m" = 02 6d, long 1 = 02).
    await producer.send({ messages: [{ topic, key: Buffer.from('order-m'), value: Buffer.concat([header, Buffer.from([0x02, 0x6d, 0x02])]) }] })
    await producer.close()
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
    await signIn(page, server.url, viewerToken)
  })

  afterAll(async () => {
    await topics?.close()
    await browser?.close()
    await server?.close()
    if (subject) {
      await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}`, { method: 'DELETE' }).catch(() => {})
      await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}?permanent=true`, { method: 'DELETE' }).catch(() => {})
    }
  })

  const subjectLink = () => page.getByRole('list', { name: 'Subjects' }).locator(`a[data-subject="${subject}"]`)
  const schemaText = () => page.getByLabel('Schema text')

  it('lists the subject (filtered) with its topic, and shows its versions and pretty schema text', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Schemas' }).click()
    await page.waitForURL(/\/c\/local\/schemas$/)
    await page.getByLabel('Filter subjects').fill(topic)
    await expect.poll(async () => page.getByRole('list', { name: 'Subjects' }).locator('a').count()).toBe(1)
    expect(await subjectLink().textContent()).toContain(`${topic} (value)`)
    expect(await page.getByTestId('schemas-summary').textContent()).toContain('global compatibility BACKWARD')

    await subjectLink().click()
    await expect.poll(async () => page.getByTestId('schema-version').textContent()).toBe('2')
    const versions = page.getByRole('group', { name: 'Versions' }).getByRole('link')
    expect(await versions.allTextContents()).toEqual(['v1', 'v2'])
    expect(await page.getByTestId('schema-type').textContent()).toBe('Avro')
    expect(await page.getByTestId('schema-id').textContent()).toBe(String(ids[1]))
    expect(await page.getByTestId('subject-compatibility').textContent()).toBe('BACKWARD')
    expect(await schemaText().textContent()).toBe(JSON.stringify(orderV2, null, 2))
    await screenshot(page, 'schemas')

    await versions.filter({ hasText: 'v1' }).click()
    await expect.poll(async () => page.getByTestId('schema-version').textContent()).toBe('1')
    expect(await schemaText().textContent()).toBe(JSON.stringify(orderV1, null, 2))
    expect(await page.getByTestId('schema-id').textContent()).toBe(String(ids[0]))
  })

  it('shows a decoded message\'s schema in its detail, linked to the schema page', async () => {
    await page.goto(`${server.url}/c/local/messages?topic=${topic}`)
    const row = page.locator('[role="listitem"][data-offset="0"]')
    await row.waitFor()
    await row.click()
    const line = page.getByRole('region', { name: 'Message detail' }).getByTestId('value-schema')
    await line.waitFor()
    expect(await line.textContent()).toBe(`Value schema Avro ${subject} v2 · id ${ids[1]} · com.acme.Order`)
    await line.getByRole('link', { name: `${subject} v2` }).click()
    await page.waitForURL(/\/c\/local\/schemas\?/)
    await expect.poll(async () => page.getByTestId('schema-version').textContent()).toBe('2')
    expect(await page.getByRole('region', { name: 'Subject' }).getByRole('heading').textContent()).toBe(subject)
  })

  it('shows an indexed record\'s schema in search\'s detail, named by the registry and linked', async () => {
    // As the indexer writes a record decoded with a registry schema: the id and type beside its JSON.
    const logs = new VictoriaLogsClient(server.deps.config.victoriaLogsUrl)
    try {
      await logs.insert([{
        _time: new Date().toISOString(), _msg: JSON.stringify({ id: 'm', total: 1 }), kind: 'messages', cluster: 'local', topic,
        partition: 0, offset: '0', valueEncoding: 'utf8', valueBytes: 8, valueSchemaId: String(ids[1]), valueSchemaType: 'AVRO',
      }], { streamFields: ['kind', 'cluster', 'topic'] })
      await queryUntil(logs, `{kind="messages",cluster="local",topic="${topic}"} | stats count() n`, (r) => Number(r[0]?.n) === 1)
    } finally {
      await logs.close()
    }
    await page.goto(`${server.url}/c/local/search?q=${encodeURIComponent(`topic:="${topic}"`)}&range=1h`)
    const items = page.getByRole('listbox', { name: 'Search results' }).getByRole('option')
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(1)
    await items.first().click()
    const line = page.getByRole('complementary', { name: 'Message detail' }).getByTestId('value-schema')
    await line.getByRole('link', { name: `${subject} v2` }).waitFor()
    expect(await line.textContent()).toBe(`Value schema AVRO id ${ids[1]} · ${subject} v2`)
    await line.getByRole('link', { name: `${subject} v2` }).click()
    await expect.poll(async () => page.getByTestId('schema-version').textContent()).toBe('2')
  })
})
