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

beforeAll(async () => {
  let brokers: string[]
  ;({ browser, server, page, brokers } = await openApp(adminToken))
  admin = new Admin({ clientId: 'browser-overview-test', bootstrapBrokers: brokers })
  // At least two partitions in the cluster, whatever else runs.
  await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 })
})

afterAll(async () => {
  await admin?.deleteTopics({ topics: [topic] }).catch(() => {})
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
})
