// The Messages page on the real server and broker: browse with decoding and truncation, a deep
// link to one record, and a live tail that shows new messages, pauses without losing any,
// filters on the server and survives its own planned reconnects.
import { Admin } from '../../functions/testing/kafka.ts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { produce, waitForLeaders } from '../../functions/testing/kafka.ts'
import { uniqueName, viewerToken } from '../../functions/testing/stack.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
let admin: Admin
let brokers: string[]
const topic = uniqueName('ui-messages')
const bigValue = 'x'.repeat(100_000) // above the server's 64 KiB cap

const rows = () => page.locator('[role="listitem"][data-offset]')
const row = (partition: number, offset: number | string) =>
  page.locator(`[role="listitem"][data-partition="${partition}"][data-offset="${offset}"]`)
const detail = () => page.getByRole('region', { name: 'Message detail' })
const keysShown = async () =>
  (await rows().locator('.msg-key').allTextContents()).map((k) => k.trim()).sort()

beforeAll(async () => {
  // Short tail connections: the test also crosses the server's planned end-and-reconnect.
  ;[browser, server] = await Promise.all([launchBrowser(), startServer({ KAFKA_PLUS_TAIL_MAX_MS: '4000' })])
  brokers = server.deps.config.clusters[0]?.brokers ?? []
  admin = new Admin({ clientId: 'browser-messages-test', bootstrapBrokers: brokers })
  await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 })
  await waitForLeaders(brokers, topic)
  await produce(brokers, topic, [
    { key: 'order-1', value: JSON.stringify({ id: 1, customer: { name: 'Ada' }, total: 12.5 }), partition: 0, headers: { 'trace-id': 'abc-123' } },
    { key: 'blob', value: bigValue, partition: 0 },
    { key: 'note', value: 'plain text, not JSON', partition: 1 },
  ])
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  await signIn(page, server.url, viewerToken)
})

afterAll(async () => {
  await admin?.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin?.close()
  await browser?.close()
  await server?.close()
})

describe('browse', () => {
  it('picks a topic and shows its records with a pretty JSON value and headers', async () => {
    await page.goto(`${server.url}/c/local/messages`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Messages')
    await page.getByLabel('Topic').fill(topic)
    await page.getByLabel('Topic').press('Enter')
    await row(0, 0).waitFor()
    expect(await rows().count()).toBe(3)

    await row(0, 0).click()
    const value = detail().getByLabel('Value content')
    await value.waitFor()
    expect(await value.textContent()).toBe('{\n  "id": 1,\n  "customer": {\n    "name": "Ada"\n  },\n  "total": 12.5\n}')
    expect(await detail().locator('tr[data-header="trace-id"]').textContent()).toContain('abc-123')
    await screenshot(page, 'messages')
  })

  it('shows a large value cut at the cap with its real size', async () => {
    await row(0, 1).click()
    const note = detail().getByTestId('value-truncated')
    await note.waitFor()
    expect(await note.textContent()).toContain('truncated — 100,000 bytes in total')
    const shown = (await detail().getByLabel('Value content').textContent()) ?? ''
    expect(shown.length).toBeGreaterThan(1000)
    expect(shown.length).toBeLessThan(bigValue.length)
  })

  it('reads one partition from an offset', async () => {
    await page.getByLabel('Partition').selectOption('0')
    await page.getByLabel('From offset').fill('1')
    await page.getByRole('button', { name: 'Load' }).click()
    await expect.poll(async () => rows().count()).toBe(1)
    expect(await row(0, 1).count()).toBe(1)
  })

  it('shows a refused read as a problem', async () => {
    await page.goto(`${server.url}/c/local/messages?topic=${topic}-missing`)
    const alert = page.getByRole('alert').filter({ hasText: 'TOPIC_NOT_FOUND' })
    await alert.waitFor()
  })

  it('opens a deep link at the linked record and highlights it', async () => {
    await page.goto(`${server.url}/c/local/messages?topic=${topic}&partition=1&offset=0`)
    const linked = row(1, 0)
    await linked.waitFor()
    await expect.poll(async () => linked.getAttribute('class')).toContain('highlighted')
    expect(await detail().getByLabel('Value content').textContent()).toBe('plain text, not JSON')
  })
})

describe('browse filters, paging, times and layout', () => {
  const orders = `${topic}-orders`
  // 30 orders over two partitions, every third one paid; n grows with time.
  const base = Date.now() - 3_600_000
  beforeAll(async () => {
    await admin.createTopics({ topics: [orders], partitions: 2, replicas: 1 })
    await produce(brokers, orders, Array.from({ length: 30 }, (_, n) => ({
      key: `order-${n}`,
      value: JSON.stringify({ order: { n, status: n % 3 === 0 ? 'paid' : 'open' } }),
      partition: n % 2,
      timestamp: BigInt(base + n * 1000),
    })))
  })
  afterAll(async () => {
    await admin?.deleteTopics({ topics: [orders] }).catch(() => {})
  })
  const shownN = async () => (await rows().locator('.msg-value').allTextContents()).map((v) => (JSON.parse(v) as { order: { n: number } }).order.n)

  it('filters on the server with a JSON path condition and loads more past a page, newest first', async () => {
    await page.goto(`${server.url}/c/local/messages?topic=${orders}`)
    await row(1, 14).waitFor() // the newest record, n = 29
    await page.getByLabel('Filter on').selectOption('value')
    await page.getByLabel('Match').selectOption('jsonPath')
    await page.getByLabel('Filter', { exact: true }).fill('$.order.status == "paid"')
    await page.getByLabel('Limit').fill('4')
    await page.getByRole('button', { name: 'Load', exact: true }).click()
    await expect.poll(shownN).toEqual([27, 24, 21, 18])
    expect(await page.getByTestId('browse-status').textContent()).toMatch(/^4 matching records · newest first · [\d,]+ read/)
    await page.getByRole('button', { name: 'Load more' }).click()
    await expect.poll(shownN).toEqual([27, 24, 21, 18, 15, 12, 9, 6])
    await page.getByRole('button', { name: 'Load more' }).click()
    await expect.poll(shownN).toEqual([27, 24, 21, 18, 15, 12, 9, 6, 3, 0])
    // Everything read: nothing more to load.
    await expect.poll(async () => page.getByRole('button', { name: 'Load more' }).count()).toBe(0)

    // A regex on the key, on RE2.
    await page.getByLabel('Filter on').selectOption('key')
    await page.getByLabel('Match').selectOption('regex')
    await page.getByLabel('Filter', { exact: true }).fill('^order-2[0-2]$')
    await page.getByRole('button', { name: 'Load', exact: true }).click()
    await expect.poll(shownN).toEqual([22, 21, 20])
  })

  it('reads from a time typed in 24 hours, in the zone it names', async () => {
    const label = page.locator('label', { hasText: 'From time' })
    expect(await label.textContent()).toMatch(/From time \(24 h, UTC[+−]\d{2}:\d{2}/)
    await page.getByLabel('Filter', { exact: true }).fill('')
    await page.getByLabel('Limit').fill('50')
    const from = new Date(base + 25_000)
    const p = (n: number) => String(n).padStart(2, '0')
    const typed = `${from.getFullYear()}-${p(from.getMonth() + 1)}-${p(from.getDate())} ${p(from.getHours())}:${p(from.getMinutes())}:${p(from.getSeconds())}`
    await page.getByLabel(/^From time/).fill(typed)
    await page.getByRole('button', { name: 'Load', exact: true }).click()
    await expect.poll(shownN).toEqual([25, 26, 27, 28, 29])
  })

  it('clears the old results when a new read fails', async () => {
    expect(await rows().count()).toBe(5)
    await page.getByLabel(/^From time/).fill('2026-11-29 2:05 PM')
    await page.getByRole('button', { name: 'Load', exact: true }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('24-hour time')
    expect(await rows().count()).toBe(0)
    // A refusal from the server clears them too.
    await page.getByLabel('Start at').selectOption('latest')
    await page.getByRole('button', { name: 'Load', exact: true }).click()
    await expect.poll(async () => rows().count()).toBe(30)
    await page.getByLabel('Filter on').selectOption('any')
    await page.getByLabel('Match').selectOption('regex')
    await page.getByLabel('Filter', { exact: true }).fill('(?=x)')
    await page.getByRole('button', { name: 'Load', exact: true }).click()
    await expect.poll(async () => (await page.getByRole('alert').textContent()) ?? '').toContain('look-ahead')
    expect(await rows().count()).toBe(0)
  })

  it('keeps the value column visible beside an open record at 1024 px', async () => {
    await page.setViewportSize({ width: 1024, height: 800 })
    await page.goto(`${server.url}/c/local/messages?topic=${orders}`)
    await row(1, 14).click()
    await detail().getByLabel('Value content').waitFor()
    const valueWidth = await row(1, 14).locator('.msg-value').evaluate((el) => el.getBoundingClientRect().width)
    expect(valueWidth).toBeGreaterThan(150)
    await page.setViewportSize({ width: 1360, height: 900 })
  })
})

describe('live tail', () => {
  const stats = () => page.getByTestId('tail-stats')
  /** Positions are taken once the first stats event arrives, so what is produced after it is tailed. */
  const waitUntilTailing = async () => {
    await expect.poll(async () => page.getByTestId('tail-status').getAttribute('data-status')).toBe('live')
    await expect.poll(async () => (await stats().textContent()) ?? '', { timeout: 15_000 }).not.toContain('—')
  }

  it('shows newly produced messages, newest on top', async () => {
    await page.goto(`${server.url}/c/local/messages?topic=${topic}`)
    await page.getByRole('radio', { name: 'Live tail' }).check()
    await page.getByRole('button', { name: 'Start' }).click()
    await waitUntilTailing()
    expect(await rows().count()).toBe(0) // from the latest offsets: nothing old

    await produce(brokers, topic, [
      { key: 'tail-1', value: JSON.stringify({ step: 1 }), partition: 0 },
      { key: 'tail-2', value: JSON.stringify({ step: 2 }), partition: 1 },
    ])
    await expect.poll(keysShown, { timeout: 15_000 }).toEqual(['tail-1', 'tail-2'])
    // The bench reads this counter to measure the sustained render rate.
    const rendered = Number(await page.evaluate('window.__kafkaPlusTail?.rendered ?? 0'))
    expect(rendered).toBeGreaterThanOrEqual(2)

    await rows().first().click()
    expect(await detail().getByLabel('Value content').textContent()).toMatch(/"step": [12]/)
  })

  it('holds the list while paused and shows everything on resume', async () => {
    await page.getByRole('button', { name: 'Pause' }).click()
    await produce(brokers, topic, [{ key: 'tail-3', value: 'while paused', partition: 0 }])
    await expect.poll(async () => (await page.getByTestId('tail-held').textContent().catch(() => '')) ?? '', { timeout: 15_000 }).toContain('1 new while paused')
    expect(await keysShown()).toEqual(['tail-1', 'tail-2'])
    await page.getByRole('button', { name: 'Resume' }).click()
    await expect.poll(keysShown).toEqual(['tail-1', 'tail-2', 'tail-3'])
  })

  it('keeps only matches once a filter is applied, across the server’s planned reconnects', async () => {
    await page.getByLabel('Filter').fill('NeEdLe')
    await page.getByLabel('Filter').press('Enter')
    await waitUntilTailing()
    expect(await rows().count()).toBe(0) // a new filter starts a fresh list

    await produce(brokers, topic, [
      { key: 'f-1', value: 'has a needle inside', partition: 0 },
      { key: 'f-2', value: 'nothing here', partition: 1 },
      { key: 'f-3', value: JSON.stringify({ tag: 'NEEDLE' }), partition: 1 },
      { key: 'f-4', value: 'only the header matches', partition: 0, headers: { label: 'needle' } },
    ])
    await expect.poll(keysShown, { timeout: 15_000 }).toEqual(['f-1', 'f-3', 'f-4'])

    // Past at least one planned end (4 s here): the browser reconnects with Last-Event-ID,
    // which must neither repeat nor lose messages, and the page says nothing about it.
    await page.waitForTimeout(5_000)
    await produce(brokers, topic, [
      { key: 'f-5', value: 'needle after a reconnect', partition: 1 },
      { key: 'f-6', value: 'no match after a reconnect', partition: 0 },
    ])
    await expect.poll(keysShown, { timeout: 15_000 }).toEqual(['f-1', 'f-3', 'f-4', 'f-5'])
    expect(await page.getByTestId('tail-ended').count()).toBe(0)
    expect(await page.getByTestId('tail-warning').count()).toBe(0)
    expect(await page.getByTestId('tail-status').getAttribute('data-status')).toBe('live')
    expect(await stats().textContent()).toMatch(/matched/)
    await screenshot(page, 'messages-tail')
  })

  it('stops', async () => {
    await page.getByRole('button', { name: 'Stop' }).click()
    await expect.poll(async () => page.getByTestId('tail-status').getAttribute('data-status')).toBe('stopped')
    expect(await rows().count()).toBe(4) // what arrived stays on screen
  })

  it('takes a burst several records per event: all of it, in order, newest on top', async () => {
    const tailUrls: string[] = []
    const onRequest = (r: { url: () => string }) => {
      if (r.url().includes('/tail')) tailUrls.push(r.url())
    }
    page.on('request', onRequest)
    await page.getByLabel('Filter').fill('')
    await page.getByRole('button', { name: 'Start' }).click()
    await waitUntilTailing()
    const before = Number(await page.evaluate('window.__kafkaPlusTail?.rendered ?? 0'))
    const key = (n: number) => `burst-${String(n).padStart(3, '0')}`
    await produce(brokers, topic, Array.from({ length: 300 }, (_, n) => ({ key: key(n), value: `burst ${n}`, partition: 0 })))
    await expect.poll(async () => Number(await page.evaluate('window.__kafkaPlusTail?.rendered ?? 0')) - before, { timeout: 15_000 }).toBe(300)
    page.off('request', onRequest)
    // Several records per `messages` event: one event per record is more than a browser keeps up with at thousands a second.
    expect(tailUrls.length).toBeGreaterThan(0)
    for (const url of tailUrls) expect(new URL(url).searchParams.get('batch')).toBe('1')
    expect(await stats().textContent()).toMatch(/showing 300\b/)
    expect((await rows().locator('.msg-key').allTextContents()).slice(0, 3).map((k) => k.trim())).toEqual([key(299), key(298), key(297)])
    await page.getByRole('button', { name: 'Stop' }).click()
  })

  it('says why the server refused a tail: an invalid regex, a partition the topic does not have', async () => {
    const failed = async () => {
      await page.getByRole('button', { name: 'Start' }).click()
      await expect.poll(async () => page.getByTestId('tail-status').getAttribute('data-status')).toBe('failed')
      const alert = page.getByRole('alert').filter({ hasText: 'INVALID_INPUT' })
      await alert.waitFor({ timeout: 10_000 })
      return (await alert.textContent()) ?? ''
    }
    await page.goto(`${server.url}/c/local/messages?topic=${topic}&mode=tail`)
    await page.getByLabel('Filter').fill('/order-(\\d+/')
    expect(await failed()).toContain('q: not a valid regular expression')

    await page.getByLabel('Filter').fill('')
    await page.getByLabel('Partitions').fill('7')
    expect(await failed()).toContain(`'${topic}' has no partition 7`)
    await page.getByLabel('Partitions').fill('')
  })
})
