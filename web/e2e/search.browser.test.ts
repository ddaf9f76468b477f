// History search as a person uses it: examples, a query, the histogram, the streamed result
// list, a message's detail with its link to the browse view, facets that become removable filters
// in the query, what the search covers (indexed, sampled, not indexed), and a bad query's problem.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CompiledPlan } from '../../functions/core/indexing/batch.ts'
import { indexBatch } from '../../functions/core/indexing/indexer.ts'
import { applyTopicInput } from '../../functions/core/indexing/plan.ts'
import { Admin, produce } from '../../functions/testing/kafka.ts'
import { queryUntil } from '../../functions/testing/logs.ts'
import { adminToken, uniqueName } from '../../functions/testing/stack.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
let admin: Admin
const topic = uniqueName('ui-search-orders')
/** A Kafka topic outside the indexing plan: search cannot see it, the page says so. */
const plainTopic = uniqueName('ui-search-plain')
const word = uniqueName('refund').replaceAll('-', '')
const home = mkdtempSync(join(tmpdir(), 'kp-search-ui-'))
const statuses = ['new', 'paid', 'sent']

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startServer({ KAFKA_PLUS_HOME: home })])
  admin = new Admin({ clientId: 'browser-search-test', bootstrapBrokers: server.deps.config.clusters[0]?.brokers ?? [] })
  await admin.createTopics({ topics: [plainTopic], partitions: 1, replicas: 1 })
  // The plan says the topic keeps half its keys: the page must say a match may have been sampled out.
  const { version } = await server.deps.planStore.read('local')
  await server.deps.planStore.setTopic('local', topic, applyTopicInput(undefined, topic, { enabled: true, sampleRate: 0.5 }, 'test'), version)
  const plan = new CompiledPlan({ cluster: 'local', topics: [{ topic, enabled: true, sampleRate: 1, keep: [], maxValueBytes: 32768, extractFields: 20, updatedAt: '', updatedBy: 'test' }] })
  const now = Date.now()
  await indexBatch(server.deps.logs, plan, Array.from({ length: 400 }, (_, i) => ({
    topic, partition: i % 4, offset: String(Math.floor(i / 4)), timestamp: now - (400 - i) * 5_000, key: Buffer.from(`customer-${i % 40}`),
    value: Buffer.from(JSON.stringify({
      level: i % 50 === 0 ? 'error' : 'info', event: i % 50 === 0 ? `${word} failed for order ${i}` : `order ${i} shipped`, amount: i,
      status: statuses[i % 3], note: `note ${i}`, ref: `r-${i}`,
    })),
    headers: [[Buffer.from('source'), Buffer.from('checkout')]],
  })))
  await queryUntil(server.deps.logs, `{kind="messages",cluster="local",topic="${topic}"} | stats count() n`, (r) => Number(r[0]?.n) === 400)
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  await signIn(page, server.url, adminToken)
})

afterAll(async () => {
  await admin?.deleteTopics({ topics: [plainTopic] }).catch(() => {})
  await admin?.close()
  await browser?.close()
  await server?.close()
  rmSync(home, { recursive: true, force: true })
})

const status = () => page.getByRole('status').filter({ hasText: 'hits in the range' })
const queryBox = () => page.getByLabel('LogsQL query')
const searchFor = async (query: string) => {
  await queryBox().fill(query)
  await page.getByRole('button', { name: 'Search', exact: true }).click()
}
const facetNames = () => page.locator('.search-facets details').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))

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

  it('updates the hit count with every search, not only the first', async () => {
    await status().filter({ hasText: '· 8 hits in the range' }).waitFor({ timeout: 15_000 })
    await searchFor(`topic:="${topic}"`)
    await page.getByRole('status').filter({ hasText: '400 messages' }).waitFor({ timeout: 15_000 })
    await status().filter({ hasText: '· 400 hits in the range' }).waitFor({ timeout: 15_000 })
  })

  it('ranks the facets: topic and key first, then few-valued fields, the rest behind "Show more"', async () => {
    await expect.poll(facetNames, { timeout: 15_000 }).toContain('status')
    const names = await facetNames()
    expect(names.slice(0, 5)).toEqual(['topic', 'key', 'level', 'status', 'partition'])
    expect(names).toHaveLength(8)
    expect(names).not.toContain('ref')
    await page.getByRole('button', { name: 'Show 1 more field' }).click()
    expect(await facetNames()).toContain('ref')
    await page.getByRole('button', { name: 'Show fewer fields' }).click()
  })

  it('turns a facet click into a filter in the query box and a removable chip, with fresh counts', async () => {
    const keyCounts = () => page.locator('.search-facets details[data-field="key"] li .muted').allTextContents()
    await expect.poll(keyCounts, { timeout: 15_000 }).toContain('10')
    await page.locator('.search-facets summary', { hasText: 'level' }).click()
    await page.locator('.search-facet', { hasText: 'error' }).click()
    await page.getByRole('status').filter({ hasText: '8 messages' }).waitFor({ timeout: 15_000 })
    expect(await queryBox().inputValue()).toBe(`topic:="${topic}" level:="error"`)
    const chip = page.getByRole('list', { name: 'Filters' }).getByRole('listitem').filter({ hasText: 'level = error' })
    await chip.waitFor()
    await status().filter({ hasText: '· 8 hits in the range' }).waitFor({ timeout: 15_000 })
    // 8 errors over 4 of the 40 keys: 2 each, where the unfiltered search had 10 per key.
    await expect.poll(keyCounts, { timeout: 15_000 }).toEqual(['2', '2', '2', '2'])

    await chip.getByRole('button', { name: 'Remove filter level = error' }).click()
    await page.getByRole('status').filter({ hasText: '400 messages' }).waitFor({ timeout: 15_000 })
    expect(await queryBox().inputValue()).toBe(`topic:="${topic}"`)
    expect(await page.getByRole('list', { name: 'Filters' }).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining(`topic = ${topic}`)])
    await page.getByRole('button', { name: 'Examples' }).click() // opened by the first test; closed for the screenshot
    await screenshot(page, 'search')
  })

  it('says what the search covers when nothing matches: the sampled topic, and topics not indexed with a way to scan them', async () => {
    await searchFor(`${word}nowhere`)
    const results = page.getByRole('listbox', { name: 'Search results' })
    await results.getByText('No indexed message matches.').waitFor({ timeout: 15_000 })
    expect(await results.textContent()).toMatch(/a match may have been sampled out; \d+ topics? (is|are) not indexed/)
    const coverage = page.getByRole('region', { name: 'Search coverage' })
    expect(await coverage.textContent()).toContain(`${topic} (50 % of keys)`)

    await searchFor(`topic:="${plainTopic}" ${word}`)
    await expect.poll(async () => coverage.textContent(), { timeout: 15_000 }).toContain('1 topic is not indexed')
    expect(await coverage.textContent()).toContain('No topic in this search is indexed.')
    await coverage.getByRole('link', { name: plainTopic }).click()
    await page.waitForURL((url) => url.pathname === '/c/local/messages' && url.searchParams.get('topic') === plainTopic)
  })

  it('carries a one-term search to the browse link as its filter, and says when it cannot', async () => {
    await produce(server.deps.config.clusters[0]?.brokers ?? [], plainTopic, [
      { value: `order 1 ${word} requested` }, { value: 'order 2 shipped' }, { value: 'order 3 shipped' },
    ])
    await page.goto(`${server.url}/c/local/search`)
    const coverage = page.getByRole('region', { name: 'Search coverage' })
    await searchFor(`topic:="${plainTopic}" ${word}`)
    await expect.poll(async () => coverage.textContent(), { timeout: 15_000 }).toContain('1 topic is not indexed')
    expect(await coverage.getByTestId('browse-link-filter').textContent()).toContain(`filtered: key, value or a header contains “${word}”`)
    await coverage.getByRole('link', { name: plainTopic }).click()
    await page.waitForURL((url) => url.pathname === '/c/local/messages' && url.searchParams.get('filter') === word)
    // Browse opens filtered: the filter box holds the term and only the matching record is listed.
    expect(await page.getByLabel('Filter', { exact: true }).inputValue()).toBe(word)
    await page.getByText('1 matching records').waitFor({ timeout: 15_000 })

    // Two terms do not map to one browse filter: the link opens browse unfiltered, and the note says so.
    await page.goto(`${server.url}/c/local/search`)
    await searchFor(`topic:="${plainTopic}" ${word} shipped`)
    await expect.poll(async () => coverage.getByTestId('browse-link-filter').textContent(), { timeout: 15_000 }).toContain('unfiltered')
    expect(await coverage.getByRole('link', { name: plainTopic }).getAttribute('href')).not.toContain('filter=')
  })

  it('shows the problem for bad LogsQL', async () => {
    await page.goto(`${server.url}/c/local/search`)
    await page.getByLabel('LogsQL query').fill('error | stats by (')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('INVALID_QUERY')
  })
})
