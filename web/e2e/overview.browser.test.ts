// The cluster overview as a person sees it: brokers with their replicas and leaders, and the partition counters.
import { Admin } from '../../functions/testing/kafka.ts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminToken, uniqueName } from '../../functions/testing/stack.ts'
import { openApp, screenshot, type App } from './harness.ts'

let browser: Browser
let server: App['server']
let page: Page
let admin: Admin
const topic = uniqueName('ui-overview')
// One replica and min.insync.replicas=2: acks=all producers are refused on both its partitions.
const starved = uniqueName('ui-min-isr')

beforeAll(async () => {
  let brokers: string[]
  ;({ browser, server, page, brokers } = await openApp(adminToken))
  admin = new Admin({ clientId: 'browser-overview-test', bootstrapBrokers: brokers })
  // At least two partitions in the cluster, whatever else runs.
  await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 })
  await admin.createTopics({ topics: [starved], partitions: 2, replicas: 1, configs: [{ name: 'min.insync.replicas', value: '2' }] })
})

afterAll(async () => {
  await admin?.deleteTopics({ topics: [topic, starved] }).catch(() => {})
  await admin?.close()
  await browser?.close()
  await server?.close()
})

describe('cluster overview', () => {
  it('shows the broker with its replicas and leaders, and the partition counters', async () => {
    await page.goto(`${server.url}/c/local/overview`)
    const broker = page.locator('tr[data-broker="1"]')
    await broker.waitFor()
    expect(await broker.textContent()).toContain('online')
    expect(await broker.textContent()).toContain('127.0.0.1:9092')
    const partitions = page.locator('li[data-counter="partitions"]')
    await partitions.waitFor()
    expect(Number((await partitions.textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(2)
    expect(await page.locator('li[data-counter="offline"]').textContent()).toContain('0')
    await screenshot(page, 'overview')
  })

  it('leads from the "Under min ISR" counter to the culprit partitions, and the topic list does not call the topic ok', async () => {
    await page.goto(`${server.url}/c/local/overview`)
    await page.locator('li[data-counter="under-min-isr"] a').click()
    await page.waitForURL(/\/overview\?problem=under-min-isr$/)
    const panel = page.getByRole('region', { name: 'Partitions needing attention' })
    expect(await panel.getByRole('heading').textContent()).toBe('Partitions under min ISR')
    for (const partition of [0, 1]) {
      const row = panel.locator(`tr[data-topic="${starved}"][data-partition="${partition}"]`)
      await row.waitFor()
      expect(await row.textContent()).toContain('under min ISR')
    }
    // The healthy topic is not among them.
    expect(await panel.locator(`tr[data-topic="${topic}"]`).count()).toBe(0)
    await panel.locator(`tr[data-topic="${starved}"][data-partition="0"]`).getByRole('link', { name: starved }).click()
    await page.waitForURL(new RegExp(`/c/local/topics/${starved}$`))
    await page.goto(`${server.url}/c/local/topics?q=${starved}`)
    const listed = page.locator(`tr[data-topic="${starved}"]`)
    await listed.waitFor()
    expect(await listed.locator('td').last().textContent()).toBe('under min ISR')
  })
})
