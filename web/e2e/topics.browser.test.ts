// Topic administration as an admin uses it: create, add partitions, edit configs (and see the
// change in the audit trail), a Kafka refusal in the dialog, delete after typing the name.
import { Admin } from '../../functions/testing/kafka.ts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminToken, uniqueName } from '../../functions/testing/stack.ts'
import { openApp, screenshot, type App } from './harness.ts'

let browser: Browser
let server: App['server']
let page: Page
let admin: Admin
const topic = uniqueName('ui-orders')

beforeAll(async () => {
  let brokers: string[]
  ;({ browser, server, page, brokers } = await openApp(adminToken))
  admin = new Admin({ clientId: 'browser-topics-test', bootstrapBrokers: brokers })
})

afterAll(async () => {
  await admin?.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin?.close()
  await browser?.close()
  await server?.close()
})

describe('topic administration', () => {
  it('creates a topic from the Topics page and lands on its detail with a replica matrix', async () => {
    await page.goto(`${server.url}/c/local/topics`)
    await page.getByRole('button', { name: 'Create topic…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Create topic' })
    await dialog.getByLabel('Topic name').fill(topic)
    await dialog.getByLabel('Partitions').fill('2')
    await dialog.getByLabel('Replication factor').fill('1')
    await dialog.getByRole('button', { name: 'Create topic', exact: true }).click()
    await page.waitForURL(new RegExp(`/c/local/topics/${topic}$`))
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(topic)
    await page.locator('td[data-role="leader"]').first().waitFor()
    expect(await page.locator('td[data-role="leader"]').count()).toBe(2)
  })

  it('adds partitions and shows them', async () => {
    await page.getByRole('button', { name: 'Add partitions…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add partitions' })
    await dialog.getByLabel('New partition count').fill('3')
    await dialog.getByRole('button', { name: 'Add partitions', exact: true }).click()
    await page.locator('tr[data-partition="2"]').waitFor()
    expect(await page.locator('td[data-role="leader"]').count()).toBe(3)
  })

  it('changes a config and highlights the override, with the change in the audit trail', async () => {
    await page.getByRole('button', { name: 'Edit configs…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit configs' })
    await dialog.getByRole('button', { name: '+ Add config' }).click()
    await dialog.getByLabel('Config name 1').fill('retention.ms')
    await dialog.getByLabel('Config value 1').fill('3600000')
    await dialog.getByRole('button', { name: 'Save configs' }).click()
    const row = page.locator('tr[data-config="retention.ms"]')
    await expect.poll(async () => (await row.getAttribute('class')) ?? '').toContain('overridden')
    expect(await row.textContent()).toContain('3600000')
    // The record is searchable a moment after the change: refresh until it shows.
    await expect.poll(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click()
      return page.locator('tr[data-action="topic.configs"]').count()
    }, { timeout: 15_000, interval: 1_000 }).toBe(1)
    await screenshot(page, 'topic-detail')
  })

  it('shows a Kafka refusal in the dialog', async () => {
    await page.getByRole('button', { name: 'Edit configs…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit configs' })
    await dialog.getByRole('button', { name: '+ Add config' }).click()
    await dialog.getByLabel('Config name 1').fill('retention.ms')
    await dialog.getByLabel('Config value 1').fill('soon')
    await dialog.getByRole('button', { name: 'Save configs' }).click()
    const alert = dialog.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('INVALID_CONFIG')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
  })

  it('deletes the topic only after its name is typed', async () => {
    await page.getByRole('button', { name: 'Delete topic…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete topic' })
    const confirm = dialog.getByRole('button', { name: 'Delete topic', exact: true })
    await dialog.getByLabel('Type the topic name to confirm').fill(topic)
    await confirm.click()
    await page.waitForURL(/\/c\/local\/topics(\?.*)?$/)
    // Kafka deletes topics asynchronously.
    await expect.poll(async () => admin.listTopics(), { timeout: 15_000 }).not.toContain(topic)
  })
})
