// The Storage page as a person sees it: broker disks, topics ranked by size, a topic's growth
// chart with its forecast and layout, sample now, and the retention audit's findings; forecasts
// from too little history say so, costs in money, a topic deleted since the sample is marked, and
// retention.ms=1 is flagged.
import { Admin } from '../../functions/testing/kafka.ts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleNowAndWait, sleep } from '../../functions/testing/storage.ts'
import { commitOffsets, produce } from '../../functions/testing/kafka.ts'
import { adminToken, uniqueName } from '../../functions/testing/stack.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

// A cluster id of its own on the same broker: the page shows exactly this test's samples.
const clusterId = uniqueName('ui-storage')
const topics = { orders: uniqueName('ui-st-orders'), clicks: uniqueName('ui-st-clicks'), payments: uniqueName('ui-st-payments') }
const group = `${topics.payments}-billing`
// Outside the ui-st- filter of the ranking test, which checks the order of exactly those three.
const instant = uniqueName('ui-sx-instant')
const gone = uniqueName('ui-sx-gone')
const kb = 'o'.repeat(1000)
let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
let admin: Admin

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startServer({ KAFKA_CLUSTER_ID: clusterId })])
  const brokers = server.deps.config.clusters[0]?.brokers ?? []
  admin = new Admin({ clientId: 'browser-storage-test', bootstrapBrokers: brokers })
  await admin.createTopics({ topics: [topics.orders, topics.clicks], partitions: 3, replicas: 1 })
  await admin.createTopics({ topics: [topics.payments], partitions: 1, replicas: 1, configs: [{ name: 'retention.ms', value: '3600000' }] })
  const now = Date.now()
  await Promise.all([
    produce(brokers, topics.orders, Array.from({ length: 600 }, (_, i) => ({ partition: i % 3, value: kb }))),
    produce(brokers, topics.clicks, Array.from({ length: 200 }, (_, i) => ({ partition: i % 3, value: kb }))),
    // A billing group 50 minutes behind on a topic kept for one hour: the audit warns.
    produce(brokers, topics.payments, [...Array.from({ length: 30 }, (_, i) => ({ partition: 0, value: kb, timestamp: BigInt(now - 50 * 60_000 + i) })), { partition: 0, value: kb, timestamp: BigInt(now) }]),
  ])
  await commitOffsets(brokers, group, topics.payments, { 0: 0 })
  // retention.ms=1: deletes records as soon as their segment rolls; the audit must not call it healthy.
  await admin.createTopics({ topics: [instant], partitions: 1, replicas: 1, configs: [{ name: 'retention.ms', value: '1' }] })
  await admin.createTopics({ topics: [gone], partitions: 1, replicas: 1 })
  await produce(brokers, gone, [{ partition: 0, value: kb }])
  const cluster = server.deps.kafka.get(clusterId)
  await sampleNowAndWait(cluster, server.deps.logs)
  // Deleted after the sample: the ranking still holds it until the next sample, and must say so.
  await admin.deleteTopics({ topics: [gone] })
  await sleep(5_500) // the server's cached metadata (5 s) learns of it
  await sleep(1_000)
  // Growth between two samples, so the chart has a curve.
  await produce(brokers, topics.orders, Array.from({ length: 300 }, (_, i) => ({ partition: i % 3, value: kb })))
  page = await browser.newPage({ viewport: { width: 1360, height: 1750 } })
  await signIn(page, server.url, adminToken)
})

afterAll(async () => {
  await admin?.deleteGroups({ groups: [group] }).catch(() => {})
  await admin?.deleteTopics({ topics: [...Object.values(topics), instant] }).catch(() => {})
  await admin?.close()
  await browser?.close()
  await server?.close()
})

describe('storage page', () => {
  it('takes a sample on request and ranks the topics by size, with the broker disk gauges', async () => {
    await page.goto(`${server.url}/c/${clusterId}/storage`)
    // The table renders only the rows in view, and other tests' topics share the broker: this
    // test's own rows are reached by filtering, as a person would.
    const rankingRegion = page.getByRole('region', { name: 'Disk usage ranking' })
    await rankingRegion.locator('tr[data-topic]').first().waitFor()
    // The topic deleted since the sample is still in it (sizes are the sample's), marked as such.
    await rankingRegion.getByRole('searchbox', { name: 'Filter topics' }).fill('ui-sx-gone')
    await expect.poll(() => rankingRegion.locator(`tr[data-topic="${gone}"]`).textContent()).toContain('deleted')
    expect(await rankingRegion.locator(`tr[data-topic="${topics.orders}"]`).count()).toBe(0)
    await rankingRegion.getByRole('searchbox', { name: 'Filter topics' }).fill('')
    const before = await page.getByTestId('sampled-at').textContent()
    await page.getByRole('button', { name: 'Sample now' }).click()
    await page.getByRole('status').filter({ hasText: 'New sample taken at' }).waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('sampled-at').textContent()).not.toBe(before)

    const ranking = page.getByRole('region', { name: 'Disk usage ranking' })
    // Other tests' larger topics share the broker, and the table renders only the rows in view: filter as a person would.
    await ranking.getByRole('searchbox', { name: 'Filter topics' }).fill('ui-st-')
    await ranking.locator(`tr[data-topic="${topics.payments}"]`).waitFor()
    const order = await ranking.locator('tr[data-topic]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-topic')))
    const mine = order.filter((t) => Object.values(topics).includes(t as string))
    expect(mine).toEqual([topics.orders, topics.clicks, topics.payments])
    expect(await ranking.locator(`tr[data-topic="${topics.orders}"]`).textContent()).toMatch(/\d+(\.\d+)? KiB/)
    // Cost per month at the default price, stated in the tooltip with its source and date.
    expect(await ranking.locator(`tr[data-topic="${topics.orders}"] td[data-col="cost"]`).textContent()).toBe('<$0.01/month')
    expect(await ranking.getByTestId('ranking-totals').getAttribute('title')).toMatch(/\$0\.10 per GB-month.*MSK.*us-east-1.*2025/)

    const disks = page.getByRole('region', { name: 'Broker disks' })
    await disks.locator('[data-broker="1"] .gauge').waitFor()
    expect(await disks.locator('[data-broker="1"]').textContent()).toContain('usable')
    // One unit for the figures of a log dir (Kafka, used, total, usable), never GiB beside MiB.
    const figures = await disks.locator('[data-broker="1"] .logdir-numbers').first().textContent()
    expect(new Set(figures?.match(/\b(B|KiB|MiB|GiB|TiB)\b/g)).size, figures ?? '').toBe(1)
    // Two samples seconds apart: no fill date, but what is missing for one.
    expect(await disks.locator('[data-broker="1"]').getByTestId('logdir-full-in').first().textContent()).toMatch(/not enough history yet \(2 samples over \d+ s; a forecast needs 12 over 24\.0 h\)/)
    expect(await disks.locator('[data-broker="1"]').getByTestId('broker-cost').textContent()).toMatch(/ · (\$\d+\.\d+|<\$0\.01)\/month$/) // a fresh broker holds about a MiB: less than a cent
  })

  it('opens a topic: growth chart (canvas) with growth rate and forecast, layout per partition, TTL advice', async () => {
    await page.locator(`tr[data-topic="${topics.orders}"] button`).click()
    const panel = page.getByTestId('topic-storage')
    await panel.locator('canvas').first().waitFor()
    await expect.poll(() => panel.getByTestId('growth-rate').textContent()).toMatch(/^\+.*\/day/)
    // Two samples a few seconds apart are no basis for a steady state or a fill date: it says so instead.
    expect(await panel.getByTestId('forecast-caveat').textContent()).toMatch(/^Forecast: not enough history yet \(2 samples over \d+ s; a forecast needs 12 over 24\.0 h\)$/)
    expect(await panel.getByTestId('forecast').textContent()).not.toContain('steady state')
    expect(await panel.getByTestId('topic-cost').textContent()).toBe('<$0.01/month (all replicas)')
    expect(await panel.locator('.layout-table tr[data-partition]').count()).toBe(3)
    // The TTL advice does not extrapolate a 3-second rate either; it says why, and what the topic costs now.
    const advice = await panel.locator('.ttl-advice').textContent()
    expect(advice).toMatch(/^Not enough history yet/)
    expect(advice).toContain('Storage cost: <$0.01/month now')
    expect(advice).toMatch(/2 samples over \d+ s; at least 12 over 1\.0 d are needed/)
  })

  it('shows the retention audit findings after running it', async () => {
    const audit = page.getByRole('region', { name: 'Retention audit' })
    await audit.getByRole('button', { name: 'Run audit now' }).click()
    const finding = audit.locator(`tr[data-rule="consumer-lag-retention"][data-topic="${topics.payments}"]`)
    await finding.waitFor()
    const text = await finding.textContent()
    expect(text).toContain('warning')
    expect(text).toContain(group)
    expect(text).toContain('retention.ms')
    // retention.ms=1 is flagged, not called healthy.
    const tiny = audit.locator(`tr[data-rule="retention-too-small"][data-topic="${instant}"]`)
    await tiny.waitFor()
    expect(await tiny.textContent()).toMatch(/critical.*Retention too small.*retention\.ms=1 \(1 ms\)/)
    // The shell scrolls its content area, not the window: back to the top for the picture.
    await page.locator('main.content').evaluate((el) => el.scrollTo(0, 0))
    await screenshot(page, 'storage')
  })
})
