// Following one key across topics as a person does it: from a message in the browse view, and
// from a search hit (by key or by a JSON field such as an order id), to a timeline of every
// indexed record with it, oldest first, each opening at its place in the browse view.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CompiledPlan } from '../../functions/core/indexing/batch.ts'
import { indexBatch } from '../../functions/core/indexing/indexer.ts'
import { Admin, produce, waitForLeaders } from '../../functions/testing/kafka.ts'
import { queryUntil } from '../../functions/testing/logs.ts'
import { uniqueName, viewerToken } from '../../functions/testing/stack.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
let admin: Admin
const orders = uniqueName('ui-follow-orders')
const payments = uniqueName('ui-follow-payments')
const key = uniqueName('customer')
const orderId = uniqueName('ord')
const now = Date.now()

/** What is in Kafka and, record for record (same offsets), in the index: a story over two topics. */
const story = [
  { topic: orders, offset: 0, ago: 50_000, key, value: { step: 'created', orderId } },
  { topic: payments, offset: 0, ago: 40_000, key, value: { step: 'charged', orderId } },
  { topic: orders, offset: 1, ago: 30_000, key, value: { step: 'shipped', orderId } },
  { topic: payments, offset: 1, ago: 20_000, key: 'someone-else', value: { step: 'charged', orderId: 'other' } },
]

const timeline = () => page.getByRole('list', { name: 'Timeline', exact: true }).getByRole('listitem')
const entries = async () =>
  timeline().evaluateAll((els) => els.map((e) => `${e.getAttribute('data-topic')}:${e.getAttribute('data-offset')}`))

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startServer()])
  const brokers = server.deps.config.clusters[0]?.brokers ?? []
  admin = new Admin({ clientId: 'browser-follow-test', bootstrapBrokers: brokers })
  await admin.createTopics({ topics: [orders, payments], partitions: 1, replicas: 1 })
  await Promise.all([waitForLeaders(brokers, orders), waitForLeaders(brokers, payments)])
  for (const r of story) await produce(brokers, r.topic, [{ key: r.key, value: JSON.stringify(r.value), partition: 0 }])
  const plan = new CompiledPlan({ cluster: 'local', topics: [orders, payments].map((topic) => ({ topic, enabled: true, sampleRate: 1, keep: [], maxValueBytes: 32768, extractFields: 20, updatedAt: '', updatedBy: 'test' })) })
  await indexBatch(server.deps.logs, plan, story.map((r) => ({
    topic: r.topic, partition: 0, offset: String(r.offset), timestamp: now - r.ago, key: Buffer.from(r.key), value: Buffer.from(JSON.stringify(r.value)), headers: [],
  })))
  await queryUntil(server.deps.logs, `{kind="messages",cluster="local",topic in ("${orders}","${payments}")} | stats count() n`, (r) => Number(r[0]?.n) === 4)
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  await signIn(page, server.url, viewerToken)
})

afterAll(async () => {
  await admin?.deleteTopics({ topics: [orders, payments] }).catch(() => {})
  await admin?.close()
  await browser?.close()
  await server?.close()
})

describe('follow one key across topics', () => {
  it('goes from a browsed message to the key\'s timeline over both topics, oldest first', async () => {
    await page.goto(`${server.url}/c/local/messages?topic=${orders}`)
    const record = page.locator('[role="listitem"][data-partition="0"][data-offset="1"]')
    await record.waitFor({ timeout: 15_000 })
    await record.click()
    await page.getByRole('region', { name: 'Message detail' }).getByRole('link', { name: 'Follow this key' }).click()
    await page.waitForURL((url) => url.pathname === '/c/local/follow' && url.searchParams.get('key') === key)

    await expect.poll(entries, { timeout: 15_000 }).toEqual([`${orders}:0`, `${payments}:0`, `${orders}:1`])
    const steps = await timeline().locator('.follow-preview').allTextContents()
    expect(steps.map((s) => (JSON.parse(s) as { step: string }).step)).toEqual(['created', 'charged', 'shipped'])
    expect(await page.locator('.follow-summary').textContent()).toMatch(/^3 records in 2 topics/)
    expect(await page.getByRole('list', { name: 'Topics on the timeline' }).textContent()).toMatch(new RegExp(`${orders}\\s*2.*${payments}\\s*1`))
    await screenshot(page, 'follow')
  })

  it('opens a timeline entry at its place in the browse view', async () => {
    await timeline().nth(1).getByRole('link').click()
    await page.waitForURL((url) => url.pathname === '/c/local/messages' && url.searchParams.get('topic') === payments)
    expect(new URL(page.url()).searchParams.get('offset')).toBe('0')
    await page.locator('[role="listitem"][data-partition="0"][data-offset="0"]').waitFor({ timeout: 15_000 })
  })

  it('follows a JSON field\'s value (an order id) from a search hit', async () => {
    await page.goto(`${server.url}/c/local/search?q=${encodeURIComponent(`key:="${key}"`)}&range=1h`)
    const hits = page.getByRole('listbox', { name: 'Search results' }).getByRole('option')
    await expect.poll(() => hits.count(), { timeout: 15_000 }).toBe(3)
    await hits.first().click()
    const detail = page.getByRole('complementary', { name: 'Message detail' })
    const byKey = new URL(await detail.getByRole('link', { name: 'Follow this key' }).getAttribute('href') ?? '', server.url)
    expect(byKey.searchParams.get('key')).toBe(key)
    await detail.getByRole('link', { name: `Follow orderId = ${orderId}` }).click()
    await page.waitForURL((url) => url.pathname === '/c/local/follow' && url.searchParams.get('field') === 'orderId')
    await expect.poll(entries, { timeout: 15_000 }).toEqual([`${orders}:0`, `${payments}:0`, `${orders}:1`])
    expect(await page.getByLabel('Field').inputValue()).toBe('orderId')
  })
})
