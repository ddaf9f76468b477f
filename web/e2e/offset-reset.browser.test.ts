// Offset reset as an operator uses it: preview a reset to earliest, apply it, see the new offsets.
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
  admin = new Admin({ clientId: 'browser-offset-reset-test', bootstrapBrokers: brokers })
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

describe('offset reset', () => {
  it('previews and applies a reset to earliest, then shows the new offsets', async () => {
    // From the groups list, as a person gets there.
    await page.goto(`${server.url}/c/local/groups?q=${group}`)
    await page.locator(`tr[data-group="${group}"] a`).click()
    await page.waitForURL(new RegExp(`/c/local/groups/${group}$`))
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(group)
    const region = page.getByRole('region', { name: 'Reset offsets' })
    await region.getByLabel('Strategy').selectOption('earliest')
    await region.getByRole('button', { name: 'Preview' }).click()
    const preview = page.getByRole('table', { name: 'Reset preview' })
    await preview.waitFor()
    expect(await preview.locator('tr[data-partition]').count()).toBe(2)
    await screenshot(page, 'group-detail')
    await region.getByRole('button', { name: 'Apply reset…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Apply offset reset' })
    await dialog.getByRole('button', { name: 'Apply reset', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Offsets reset for 2 partitions' }).waitFor()
    const [committed] = await admin.listConsumerGroupOffsets({ groups: [group] })
    expect(committed?.topics[0]?.partitions.map((p) => p.committedOffset)).toEqual([0n, 0n])
  })
})
