// Exports in the browser on the real server: browse results stream into a file with progress and
// a final count, and the file holds what the list shows; the live tail's buffer exports from the page.
import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExportRow } from '../../functions/contract/index.ts'
import { parseCsv } from '../../functions/testing/csv.ts'
import { VictoriaLogsClient } from '../../functions/core/victorialogs/index.ts'
import { produce } from '../../functions/testing/kafka.ts'
import { queryUntil } from '../../functions/testing/logs.ts'
import { viewerToken } from '../../functions/testing/stack.ts'
import { TestTopics } from '../../functions/testing/topics.ts'
import { launchBrowser, screenshot, signIn, startServer } from './harness.ts'

let browser: Browser
let server: Awaited<ReturnType<typeof startServer>>
let page: Page
let topics: TestTopics
let topic: string
const count = 20

const rows = () => page.locator('[role="listitem"][data-offset]')
const dialog = () => page.getByRole('dialog')
const progress = () => dialog().getByTestId('export-progress')

/** What the list shows: partition, offset and key of every row. */
async function shown(): Promise<string[]> {
  return rows().evaluateAll((items) =>
    items.map((el) => `${el.getAttribute('data-partition')}:${el.getAttribute('data-offset')}:${el.querySelector('.msg-key')?.textContent?.trim() ?? ''}`).sort(),
  )
}

/** Runs the open export dialog with `format` and returns the downloaded file's text. */
async function exportAs(format: 'NDJSON' | 'JSON' | 'CSV', content: 'Decoded' | 'Raw bytes (base64)' = 'Decoded'): Promise<{ name: string; text: string }> {
  await dialog().getByRole('radio', { name: format, exact: true }).check()
  await dialog().getByRole('radio', { name: content }).check()
  const [download] = await Promise.all([page.waitForEvent('download'), dialog().getByRole('button', { name: /^Export( again)?$/ }).click()])
  const path = await download.path()
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') }
}

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startServer()])
  const brokers = server.deps.config.clusters[0]?.brokers ?? []
  topics = new TestTopics(brokers, 'browser-export-test')
  topic = await topics.create('ui-export', 1)
  await produce(brokers, topic, Array.from({ length: count }, (_, i) => ({
    key: `order-${i}`, value: JSON.stringify({ id: i, note: 'comma, "quote"' }), headers: { trace: `t-${i}` },
  })))
  page = await browser.newPage({ viewport: { width: 1360, height: 900 }, acceptDownloads: true })
  await signIn(page, server.url, viewerToken)
})

afterAll(async () => {
  await topics?.close()
  await browser?.close()
  await server?.close()
})

describe('export', () => {
  it('exports browse results with progress and a final count; the file holds what the list shows', async () => {
    await page.goto(`${server.url}/c/local/messages?topic=${topic}`)
    await expect.poll(async () => rows().count()).toBe(count)
    const onScreen = await shown()

    await page.getByRole('button', { name: 'Export browse results' }).click()
    await dialog().waitFor()
    const csv = await exportAs('CSV')
    expect(csv.name).toMatch(new RegExp(`^${topic}-.*\\.csv$`))
    await expect.poll(async () => progress().textContent()).toMatch(new RegExp(`^Exported ${count} rows · .+ · ${csv.name}$`))
    expect(await progress().getAttribute('data-rows')).toBe(String(count))
    const [header, ...lines] = parseCsv(csv.text)
    expect(header?.slice(0, 7)).toEqual(['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers'])
    expect(lines.map(([, p, o, , k]) => `${p}:${o}:${k}`).sort()).toEqual(onScreen)
    expect(lines[3]?.[5]).toBe(JSON.stringify({ id: 3, note: 'comma, "quote"' }))
    expect(JSON.parse(lines[3]?.[6] ?? '')).toEqual([{ key: 'trace', value: 't-3', encoding: 'text' }])
    await screenshot(page, 'export')

    const ndjson = await exportAs('NDJSON', 'Raw bytes (base64)')
    const raw = ndjson.text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExportRow)
    expect(raw.map((r) => `${r.partition}:${r.offset}:${Buffer.from(r.key ?? '', 'base64').toString()}`).sort()).toEqual(onScreen)
    await expect.poll(async () => progress().getAttribute('data-rows')).toBe(String(count))
  })

  it('shows a refused export as the problem detail', async () => {
    await dialog().getByLabel('Records per partition').fill('2000000')
    await dialog().getByRole('button', { name: /^Export( again)?$/ }).click()
    await dialog().getByRole('alert').filter({ hasText: 'from 1 to 1,000,000' }).waitFor()
    await dialog().getByRole('button', { name: 'Cancel' }).click()
  })

  it('exports the live tail\'s buffer as JSON, newest first', async () => {
    await page.getByRole('radio', { name: 'Live tail' }).check()
    await page.getByRole('button', { name: 'Start' }).click()
    await expect.poll(async () => page.getByTestId('tail-status').getAttribute('data-status')).toBe('live')
    await expect.poll(async () => (await page.getByTestId('tail-stats').textContent()) ?? '', { timeout: 15_000 }).not.toContain('—')
    const brokers = server.deps.config.clusters[0]?.brokers ?? []
    await produce(brokers, topic, [{ key: 'tail-a', value: 'first' }, { key: 'tail-b', value: 'second' }])
    await expect.poll(async () => rows().count(), { timeout: 15_000 }).toBe(2)

    await page.getByRole('button', { name: "Export the live tail's buffer" }).click()
    const json = await exportAs('JSON')
    const exported = JSON.parse(json.text) as ExportRow[]
    expect(exported.map((r) => [r.topic, r.offset, r.key, r.value])).toEqual([[topic, '21', 'tail-b', 'second'], [topic, '20', 'tail-a', 'first']])
    await expect.poll(async () => progress().textContent()).toContain('Exported 2 rows')
    await dialog().getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('button', { name: 'Stop' }).click()
  })

  it('exports search results: the same rows as the list, in its order', async () => {
    const logs = new VictoriaLogsClient(server.deps.config.victoriaLogsUrl)
    try {
      const now = Date.now()
      await logs.insert(Array.from({ length: 12 }, (_, i) => ({
        _time: new Date(now - 30_000 + i * 100).toISOString(), _msg: `found ${i}, "here"`, kind: 'messages', cluster: 'local', topic,
        partition: 0, offset: String(100 + i), key: `s${i}`, keyEncoding: 'utf8', valueEncoding: 'utf8',
      })), { streamFields: ['kind', 'cluster', 'topic'] })
      await queryUntil(logs, `{kind="messages",cluster="local",topic="${topic}"} | stats count() n`, (r) => Number(r[0]?.n) === 12)
    } finally {
      await logs.close()
    }
    await page.goto(`${server.url}/c/local/search?q=${encodeURIComponent(`topic:="${topic}"`)}&range=1h`)
    const items = page.getByRole('listbox', { name: 'Search results' }).getByRole('option')
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(12)
    const listed = (await items.allTextContents()).map((text) => /found \d+/.exec(text)?.[0])

    await page.getByRole('button', { name: 'Export search results' }).click()
    const ndjson = await exportAs('NDJSON')
    const exported = ndjson.text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExportRow)
    expect(exported.map((r) => /found \d+/.exec(r.value ?? '')?.[0])).toEqual(listed)
    expect(exported.map((r) => r.key)).toEqual(Array.from({ length: 12 }, (_, i) => `s${11 - i}`))
    await expect.poll(async () => progress().textContent()).toContain('Exported 12 rows')
  })
})
