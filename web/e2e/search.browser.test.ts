// History search as a person uses it: examples, a query, the histogram, the streamed result
// list, a message's detail with its link to the browse view, and a bad query's problem.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CompiledPlan } from '../../functions/core/indexing/batch.ts'
import { indexBatch } from '../../functions/core/indexing/indexer.ts'
import { queryUntil } from '../../functions/testing/logs.ts'
import { adminToken, uniqueName } from '../../functions/testing/stack.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
const topic = uniqueName('ui-search-orders')
const word = uniqueName('refund').replaceAll('-', '')

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startServer()])
  const plan = new CompiledPlan({ cluster: 'local', topics: [{ topic, enabled: true, sampleRate: 1, keep: [], maxValueBytes: 32768, extractFields: 20, updatedAt: '', updatedBy: 'test' }] })
  const now = Date.now()
  await indexBatch(server.deps.logs, plan, Array.from({ length: 400 }, (_, i) => ({
    topic, partition: i % 4, offset: String(Math.floor(i / 4)), timestamp: now - (400 - i) * 5_000, key: Buffer.from(`customer-${i % 40}`),
    value: Buffer.from(JSON.stringify({ level: i % 50 === 0 ? 'error' : 'info', event: i % 50 === 0 ? `${word} failed for order ${i}` : `order ${i} shipped`, amount: i })),
    headers: [[Buffer.from('source'), Buffer.from('checkout')]],
  })))
  await queryUntil(server.deps.logs, `{kind="messages",cluster="local",topic="${topic}"} | stats count() n`, (r) => Number(r[0]?.n) === 400)
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  await signIn(page, server.url, adminToken)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('history search', () => {
  it('offers example queries', async () => {
    await page.goto(`${server.url}/c/local/search`)
    await page.getByRole('button', { name: 'Examples' }).click()
    expect(await page.getByRole('list', { name: 'Query examples' }).locator('li').count()).toBeGreaterThanOrEqual(5)
  })

  it('finds the rare word, draws the histogram, lists hits and shows a message with a link to browse it', async () => {
    await page.getByLabel('LogsQL query').fill(word)
    await page.getByLabel('Time range').selectOption('6h')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    const items = page.getByRole('listbox', { name: 'Search results' }).getByRole('option')
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(8)
    await page.getByRole('status').filter({ hasText: '8 messages' }).waitFor()
    await page.locator('.search-histogram canvas').waitFor()
    expect(new URL(page.url()).searchParams.get('q')).toBe(word)
    await items.first().click()
    const detail = page.getByRole('complementary', { name: 'Message detail' })
    await detail.waitFor()
    expect(await detail.textContent()).toContain(word)
    expect(await detail.textContent()).toContain('headers.source')
    const link = detail.getByRole('link', { name: 'Open in browse view' })
    const href = new URL(await link.getAttribute('href') ?? '', server.url)
    expect(href.pathname).toBe('/c/local/messages')
    expect(href.searchParams.get('topic')).toBe(topic)
    expect(href.searchParams.get('partition')).toMatch(/^\d$/)
    expect(href.searchParams.get('offset')).toMatch(/^\d+$/)
    await screenshot(page, 'search')
  })

  it('narrows by a facet value', async () => {
    await page.getByLabel('LogsQL query').fill(`topic:="${topic}"`)
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByRole('status').filter({ hasText: '400 messages' }).waitFor({ timeout: 15_000 })
    await page.locator('.search-facets summary', { hasText: 'level' }).click()
    await page.locator('.search-facet', { hasText: 'error' }).click()
    await page.getByRole('status').filter({ hasText: '8 messages' }).waitFor({ timeout: 15_000 })
  })

  it('shows the problem for bad LogsQL', async () => {
    await page.getByLabel('LogsQL query').fill('error | stats by (')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('INVALID_QUERY')
  })
})
