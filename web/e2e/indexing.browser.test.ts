// The indexing plan as an operator uses it: enable a topic with a rate and keep rules, see
// records seen vs indexed and storage saved, read the generated Vector config.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Admin } from '../../functions/testing/kafka.ts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CompiledPlan } from '../../functions/core/indexing/batch.ts'
import { indexBatch } from '../../functions/core/indexing/indexer.ts'
import { FilePlanStore } from '../../functions/core/indexing/plan-store.ts'
import { adminToken, uniqueName, viewerToken } from '../../functions/testing/stack.ts'
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
