// The consumer groups list: a group found by the filter, with its protocol and lag.
import { Admin } from '@platformatic/kafka'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commitOffsets, produce } from '../../functions/testing/kafka.ts'
import { adminToken, uniqueName } from '../../functions/testing/stack.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
let admin: Admin
const topic = uniqueName('ui-payments')
const group = uniqueName('ui-billing')

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startServer()])
  const brokers = server.deps.config.clusters[0]?.brokers ?? []
  admin = new Admin({ clientId: 'browser-groups-test', bootstrapBrokers: brokers })
  await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 })
  await produce(brokers, topic, Array.from({ length: 40 }, (_, i) => ({ value: `payment ${i}`, partition: i % 2 })))
  await commitOffsets(brokers, group, topic, { 0: 5, 1: 20 })
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  await signIn(page, server.url, adminToken)
})

afterAll(async () => {
  await admin?.deleteGroups({ groups: [group] }).catch(() => {})
  await admin?.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin?.close()
  await browser?.close()
  await server?.close()
})

describe('consumer groups', () => {
  it('lists the group with its lag', async () => {
    await page.goto(`${server.url}/c/local/groups`)
    await page.getByLabel('Filter groups').fill(group)
    const row = page.locator(`tr[data-group="${group}"]`)
    await row.waitFor()
    const text = await row.textContent()
    expect(text).toContain('classic')
    expect(text).toContain('15') // (20 − 5) + (20 − 20)
    await screenshot(page, 'groups')
  })
})
