// What a person sees in the web shell, against the real local stack.
import { Admin } from '../../functions/testing/kafka.ts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminToken, uniqueName, viewerToken } from '../../functions/testing/stack.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
const topic = uniqueName('browser-orders')
let admin: Admin

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startServer()])
  admin = new Admin({ clientId: 'browser-test', bootstrapBrokers: server.deps.config.clusters[0]?.brokers ?? [] })
  await admin.createTopics({ topics: [topic], partitions: 4, replicas: 1 })
  page = await browser.newPage({ viewport: { width: 1360, height: 820 } })
})

afterAll(async () => {
  await admin?.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin?.close()
  await browser?.close()
  await server?.close()
})

describe('web shell', () => {
  it('sends a visitor without a session to the login page', async () => {
    await page.goto(`${server.url}/c/local/topics`)
    await page.waitForURL(/\/login$/)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in')
    await screenshot(page, 'login')
  })

  it('shows the problem detail for a wrong token', async () => {
    await page.getByLabel('Access token').fill('definitely-not-the-token')
    await page.getByRole('button', { name: 'Sign in' }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('That access token is not valid.')
  })

  it('signs in and shows Kafka and VictoriaLogs healthy on the overview', async () => {
    await signIn(page, server.url, viewerToken)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Overview')
    const kafkaRow = page.getByRole('row', { name: /Kafka · local/ })
    await kafkaRow.getByText('ok', { exact: true }).waitFor()
    await page.getByRole('row', { name: /VictoriaLogs/ }).getByText('ok', { exact: true }).waitFor()
    expect(await page.getByTestId('session-user').textContent()).toMatch(/vera.*viewer/)
    await screenshot(page, 'overview')
  })

  it('finds a topic created by another Kafka client by searching as you type', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Topics' }).click()
    await page.waitForURL(/\/c\/local\/topics/)
    await page.getByLabel('Search topics').fill(topic)
    // Searching as you type: wait for the answer to the whole name, not an earlier prefix.
    await expect.poll(async () => page.getByTestId('topics-total').textContent(), { timeout: 15_000 }).toMatch(/^1 topic/)
    const row = page.locator(`tr[data-topic="${topic}"]`)
    await row.waitFor()
    const cells = await row.locator('td').allTextContents()
    expect(cells[0]).toContain(topic)
    expect(cells[1]).toBe('4')
    // The 'topics' screenshot is taken by topics.browser.test.ts, sorted by size with sizes shown.
  })

  it.each([
    ['Consumer groups', 'groups'],
    ['Messages', 'messages'],
    ['Search', 'search'],
    ['Schemas', 'schemas'],
    ['Storage', 'storage'],
    ['Indexing', 'indexing'],
    ['Overview', 'overview'],
  ])('navigates to %s', async (label, path) => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label }).click()
    await page.waitForURL(new RegExp(`/c/local/${path}$`))
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(label)
  })

  it('signs out back to the login page, and the session is gone', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/login$/)
    const status = await page.evaluate(async () => (await fetch('/api/session')).status)
    expect(status).toBe(401)
  })
})

describe('errors reach the person', () => {
  it('shows the problem detail when Kafka is unreachable', async () => {
    const broken = await startServer({ KAFKA_BROKERS: '127.0.0.1:9' })
    const other = await browser.newPage({ viewport: { width: 1360, height: 820 } })
    try {
      await signIn(other, broken.url, adminToken)
      await other.goto(`${broken.url}/c/local/topics`)
      const alert = other.getByRole('alert').filter({ hasText: 'KAFKA_UNAVAILABLE' })
      await alert.waitFor({ timeout: 30_000 })
      expect(await alert.textContent()).toContain("Kafka cluster 'local' could not be reached")
    } finally {
      await other.close()
      await broken.close()
    }
  })
})
