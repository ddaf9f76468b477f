// Alerts as the team sets them up: an operator creates a rule with a Slack webhook (a real HTTP
// receiver started here), sends a test message, and sees it in the history with its delivery
// result; the sampler path's evaluation then sends the real "firing" message; viewers read the
// rules (URLs masked) without the controls to change them.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAlertJob } from '../../functions/core/alerts/evaluate.ts'
import { Admin } from '../../functions/testing/kafka.ts'
import { sampleNowAndWait } from '../../functions/testing/storage.ts'
import { operatorToken, uniqueName, viewerToken } from '../../functions/testing/stack.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

const clusterId = uniqueName('ui-alerts')
const instant = uniqueName('ui-al-instant')
const secret = `B0${Date.now().toString(36)}HOOKSECRET`
const received: { path: string; body: { text?: string } }[] = []
const receiver: Server = createServer((req, res) => {
  let text = ''
  req.on('data', (chunk: Buffer) => { text += chunk.toString() })
  req.on('end', () => {
    received.push({ path: req.url ?? '', body: JSON.parse(text) as { text?: string } })
    res.writeHead(200).end('ok')
  })
})
let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
let admin: Admin
let hook = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/${secret}`
  ;[browser, server] = await Promise.all([launchBrowser(), startServer({ KAFKA_CLUSTER_ID: clusterId, KAFKA_PLUS_ALERTS_STORE: 'memory' })])
  admin = new Admin({ clientId: 'browser-alerts-test', bootstrapBrokers: server.deps.config.clusters[0]?.brokers ?? [] })
  await admin.createTopics({ topics: [instant], partitions: 1, replicas: 1, configs: [{ name: 'retention.ms', value: '1' }] })
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  await signIn(page, server.url, operatorToken)
})

afterAll(async () => {
  await admin?.deleteTopics({ topics: [instant] }).catch(() => {})
  await admin?.close()
  await browser?.close()
  await server?.close()
  receiver.closeAllConnections()
  await new Promise((resolve) => receiver.close(resolve))
})

describe('alerts page', () => {
  it('creates a rule with a Slack webhook; the URL is shown masked only', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Alerts' }).click()
    await page.waitForURL(/\/alerts$/)
    await page.getByRole('button', { name: 'New rule' }).click()
    const dialog = page.getByRole('dialog', { name: 'New alert rule' })
    await dialog.getByLabel('Name', { exact: true }).fill('Team Slack')
    await dialog.getByLabel('Watches').selectOption('retention-audit')
    await dialog.getByLabel('Lowest severity (1 = warning, 2 = critical)').fill('2')
    await dialog.getByLabel('Destination 1', { exact: true }).selectOption('slack')
    await dialog.getByLabel('Webhook URL 1').fill(hook)
    await dialog.getByRole('button', { name: 'Save rule' }).click()
    await dialog.waitFor({ state: 'detached' })
    const row = page.getByRole('table', { name: 'Alert rules' }).locator('tr[data-rule="team-slack"]')
    await row.waitFor()
    const text = await row.textContent()
    expect(text).toContain('Retention audit findings')
    expect(text).toContain('Slack webhook')
    expect(text).toMatch(/http:\/\/127\.0\.0\.1:\d+\/…CRET/)
    expect(text).not.toContain(secret)
  })

  it('sends a test message to the receiver and shows it in the history with its delivery result', async () => {
    await page.getByRole('button', { name: 'Send a test message for Team Slack' }).click()
    await page.getByRole('status').filter({ hasText: 'Test message for Team Slack: 1 of 1 destinations delivered.' }).waitFor()
    expect(received.map((r) => r.path)).toEqual([`/services/${secret}`])
    expect(received[0]?.body.text).toMatch(/^\*\[TEST · warning\]\* Team Slack on `ui-alerts-/)
    const history = page.getByRole('table', { name: 'Alert history' })
    const entry = history.locator('tr[data-status="test"]')
    await entry.waitFor()
    expect(await entry.textContent()).toMatch(/test.*Team Slack.*Test message from Kafka Plus.*✓ Slack webhook: delivered \(HTTP 200\)/)
  })

  it('after a sample the evaluation sends the firing message once, and the history shows it', async () => {
    const cluster = server.deps.kafka.get(clusterId)
    await sampleNowAndWait(cluster, server.deps.logs)
    const ctx = { ...server.deps.alerts, logs: server.deps.logs, storage: server.deps.config.storage }
    await runAlertJob(server.deps.kafka, ctx, [clusterId])
    await runAlertJob(server.deps.kafka, ctx, [clusterId])
    const firing = received.filter((r) => r.body.text?.includes(instant))
    expect(firing).toHaveLength(1)
    expect(firing[0]?.body.text).toMatch(/^\*\[FIRING · critical\]\* Team Slack/)
    await page.getByRole('button', { name: 'Refresh' }).click()
    const row = page.getByRole('table', { name: 'Alert history' }).locator('tr[data-status="firing"]').filter({ hasText: instant })
    await row.waitFor()
    expect(await row.textContent()).toMatch(/firing.*critical.*Team Slack.*retention\.ms=1.*✓ Slack webhook: delivered/)
    await page.locator('main.content').evaluate((el) => el.scrollTo(0, 0))
    await screenshot(page, 'alerts')
  })

  it('viewers read the rules and history but cannot change or test them', async () => {
    const viewer = await browser.newPage({ viewport: { width: 1360, height: 900 } })
    try {
      await signIn(viewer, server.url, viewerToken)
      await viewer.goto(`${server.url}/c/${clusterId}/alerts`)
      await viewer.getByRole('table', { name: 'Alert rules' }).locator('tr[data-rule="team-slack"]').waitFor()
      expect(await viewer.getByRole('button', { name: 'New rule' }).count()).toBe(0)
      expect(await viewer.getByRole('button', { name: /Send a test message/ }).count()).toBe(0)
      expect(await viewer.content()).not.toContain(secret)
    } finally {
      await viewer.close()
    }
  })

  it('deletes a rule after confirming; the history stays', async () => {
    await page.getByRole('button', { name: 'Delete Team Slack' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete rule Team Slack' })
    await dialog.getByRole('button', { name: 'Delete rule' }).click()
    await page.getByRole('status').filter({ hasText: 'Rule Team Slack deleted.' }).waitFor()
    // The notice comes with the deletion's answer; the list reloads after it.
    await expect.poll(() => page.getByRole('table', { name: 'Alert rules' }).textContent()).toContain('No alert rules yet')
    await expect.poll(() => page.getByRole('table', { name: 'Alert history' }).locator('tr[data-status]').count()).toBe(2)
  })
})
