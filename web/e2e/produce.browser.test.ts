// The Produce dialog on the real server, broker and schema registry: an operator writes one record
// encoded with a registry Avro schema, sees where it went and follows the link to it in browse
// (shown decoded); a value that does not fit the schema is refused with the field path.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { Admin, waitForLeaders } from '../../functions/testing/kafka.ts'
import { bearer, operatorToken, uniqueName, viewerToken } from '../../functions/testing/stack.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

const registryUrl = inject('schemaRegistryUrl')
const topic = uniqueName('ui-produce')
const subject = `${topic}-value`
let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
let admin: Admin

const dialog = () => page.getByRole('dialog', { name: `Produce to ${topic}` })

describe.skipIf(!registryUrl)('produce', () => {
  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchBrowser(), startServer({ SCHEMA_REGISTRY_URL: registryUrl })])
    const brokers = server.deps.config.clusters[0]?.brokers ?? []
    admin = new Admin({ clientId: 'browser-produce-test', bootstrapBrokers: brokers })
    await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 })
    await waitForLeaders(brokers, topic)
    const registered = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
      method: 'POST', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify({
        type: 'record', name: 'Order', namespace: 'shop',
        fields: [{ name: 'id', type: 'string' }, { name: 'order', type: { type: 'record', name: 'Detail', fields: [{ name: 'amount', type: 'int' }] } }],
      }) }),
    })
    expect(registered.ok).toBe(true)
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  })

  afterAll(async () => {
    await admin?.deleteTopics({ topics: [topic] }).catch(() => {})
    await admin?.close()
    await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}`, { method: 'DELETE' }).catch(() => {})
    await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}?permanent=true`, { method: 'DELETE' }).catch(() => {})
    await browser?.close()
    await server?.close()
  })

  it('writes one schema-encoded record, shows its partition and offset, and links to it in browse', async () => {
    await signIn(page, server.url, operatorToken)
    await page.goto(`${server.url}/c/local/messages?topic=${topic}`)
    await page.getByRole('button', { name: 'Produce…' }).click()
    await dialog().waitFor()

    await dialog().getByRole('radiogroup', { name: 'Key format' }).getByText('Text').click()
    await dialog().getByLabel('Key text').fill('order-7')
    await dialog().getByRole('radiogroup', { name: 'Value format' }).getByText('Schema').click()
    // The topic's own subject is chosen once the registry's subjects are known.
    await expect.poll(async () => dialog().getByLabel('Value subject').inputValue()).toBe(subject)
    await dialog().getByLabel('Value JSON').fill('{ "id": "o-7", "order": { "amount": 70 } }')
    await dialog().getByRole('button', { name: '+ Add header' }).click()
    await dialog().getByLabel('Header name 1').fill('source')
    await dialog().getByLabel('Header value 1').fill('ui')
    await dialog().getByLabel('Partition').selectOption('1')
    await dialog().getByLabel('Compression').selectOption('gzip')
    await dialog().getByRole('button', { name: 'Produce', exact: true }).click()

    const result = dialog().getByRole('status')
    await result.waitFor()
    expect((await result.textContent())?.replace(/\s+/g, ' ')).toContain('Written to partition 1 at offset 0')
    expect(await result.textContent()).toContain(`${subject} v1`)
    await screenshot(page, 'produce')

    await result.getByRole('link', { name: 'Open in browse view' }).click()
    await page.waitForURL(/partition=1&offset=0/)
    expect(await dialog().count()).toBe(0)
    const linked = page.locator('[role="listitem"][data-partition="1"][data-offset="0"]')
    await linked.waitFor()
    await expect.poll(async () => linked.getAttribute('class')).toContain('highlighted')
    const value = page.getByRole('region', { name: 'Message detail' }).getByLabel('Value content')
    await value.waitFor()
    expect(JSON.parse((await value.textContent()) ?? '')).toEqual({ id: 'o-7', order: { amount: 70 } })
  })

  it('refuses a value that does not fit the schema, naming the field path, and sends nothing', async () => {
    await page.getByRole('button', { name: 'Produce…' }).click()
    await dialog().waitFor()
    await dialog().getByRole('radiogroup', { name: 'Value format' }).getByText('Schema').click()
    await expect.poll(async () => dialog().getByLabel('Value subject').inputValue()).toBe(subject)
    await dialog().getByLabel('Value JSON').fill('{ "id": "o-8", "order": { "amount": "seventy" } }')
    await dialog().getByRole('button', { name: 'Produce', exact: true }).click()
    const alert = dialog().getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('value.order.amount: expected int, got "seventy"')
    expect(await dialog().getByRole('status').count()).toBe(0)
    await dialog().getByRole('button', { name: 'Cancel' }).click()
    const stored = await fetch(`${server.url}/api/clusters/local/topics/${topic}/messages?limit=50`, { headers: bearer(viewerToken) })
    expect(((await stored.json()) as { items: unknown[] }).items).toHaveLength(1)
  })
})
