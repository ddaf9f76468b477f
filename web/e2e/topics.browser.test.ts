// Topic administration as an admin uses it: create, add partitions, edit configs (and see the
// change in the audit trail), a Kafka refusal in the dialog, delete after typing the name; the
// topic page's tabs; sorting Topics and Groups by a column, the size column, the ranking's CSV.
import { readFile } from 'node:fs/promises'
import { sampleCluster } from '../../functions/core/storage/sampler.ts'
import { Admin, commitOffsets, produce } from '../../functions/testing/kafka.ts'
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

  it('changes a config from its effective value, in units, with the previous value in the audit trail', async () => {
    const row = page.locator('tr[data-config="retention.ms"]')
    // The broker's default, as the table shows it: the number, its unit and the value in words.
    const valueCell = row.locator('td.config-value')
    const shown = (await valueCell.textContent()) ?? ''
    const effective = /^(\d+)/.exec(shown)?.[1] as string
    expect(effective).toMatch(/^\d+$/)
    expect(shown).toContain(' ms')
    expect(await valueCell.locator('.config-human').textContent()).toMatch(/· (≈ )?[\d.]+ (d|h|min|s)$/)

    await page.getByRole('button', { name: 'Edit configs…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit configs' })
    await dialog.getByRole('button', { name: '+ Add config' }).click()
    await dialog.getByLabel('Config name 1').fill('retention.ms')
    // Naming a config fills in the value in force, to change from.
    expect(await dialog.getByLabel('Config value 1').inputValue()).toBe(effective)
    await dialog.getByLabel('Config value 1').fill('3600000')
    expect(await dialog.getByTestId('config-hint-1').textContent()).toContain(`milliseconds = 1 h · in force now: ${effective}`)
    await dialog.getByRole('button', { name: 'Save configs' }).click()
    await expect.poll(async () => (await row.getAttribute('class')) ?? '').toContain('overridden')
    expect(await row.textContent()).toContain('3600000 ms · 1 h')
    // The record is searchable a moment after the change: refresh until it shows.
    // A change is recorded twice, its request before it is made and its outcome after: for a
    // moment the row can show the request alone (no values yet), so wait for the outcome too.
    const audited = page.locator('tr[data-action="topic.configs"]')
    await expect.poll(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click()
      return (await audited.count()) === 1 ? ((await audited.textContent()) ?? '') : `${await audited.count()} rows`
      // The previous effective value (the broker default), not ∅.
    }, { timeout: 15_000, interval: 1_000 }).toContain(`retention.ms: ${effective} → 3600000`)
    expect(await audited.count()).toBe(1)
    await screenshot(page, 'topic-detail')
  })

  it('shows the topic in tabs, one URL each, that the back button walks through', async () => {
    const tabs = page.getByRole('navigation', { name: 'Topic sections' })
    const current = async () => tabs.locator('[aria-current="page"]').textContent()
    expect(await current()).toBe('Overview')

    await tabs.getByRole('link', { name: 'Consumers' }).click()
    await page.waitForURL(new RegExp(`/c/local/topics/${topic}/consumers$`))
    expect(await current()).toBe('Consumers')

    await tabs.getByRole('link', { name: 'Audit' }).click()
    await page.waitForURL(new RegExp(`/c/local/topics/${topic}/audit$`))
    await page.locator('tr[data-action="topic.configs"]').waitFor()

    await tabs.getByRole('link', { name: 'Messages' }).click()
    await page.waitForURL(new RegExp(`/c/local/topics/${topic}/messages$`))
    // The Messages page's browse panel, fixed to this topic: no topic picker.
    await page.getByRole('form', { name: 'Browse messages' }).waitFor()
    expect(await page.getByLabel('Topic', { exact: true }).count()).toBe(0)
    await expect.poll(async () => page.getByTestId('browse-status').textContent()).toMatch(/0 records/)

    await tabs.getByRole('link', { name: 'Storage' }).click()
    await page.getByRole('region', { name: 'Storage of this topic' }).waitFor()
    await tabs.getByRole('link', { name: 'Indexing' }).click()
    await expect.poll(async () => page.getByTestId('topic-indexing-state').textContent()).toContain('Not indexed')

    // Back walks the tabs in reverse, then returns to the overview.
    await page.goBack()
    await page.waitForURL(new RegExp(`/c/local/topics/${topic}/storage$`))
    await page.goBack()
    await page.waitForURL(new RegExp(`/c/local/topics/${topic}/messages$`))
    await page.goto(`${server.url}/c/local/topics/${topic}/search`)
    expect(await page.getByTestId('search-scope').textContent()).toBe(`topic:=${JSON.stringify(topic)}`)
    await page.getByRole('form', { name: 'Search this topic' }).getByLabel('Query').fill('payment')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.waitForURL(/\/c\/local\/search\?/)
    expect(new URL(page.url()).searchParams.get('q')).toBe(`topic:=${JSON.stringify(topic)} payment`)
    await page.goBack()
    await page.waitForURL(new RegExp(`/c/local/topics/${topic}/search$`))
    await page.getByRole('navigation', { name: 'Topic sections' }).getByRole('link', { name: 'Overview' }).click()
    await page.waitForURL(new RegExp(`/c/local/topics/${topic}$`))
    await page.locator('td[data-role="leader"]').first().waitFor()
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

  it('opens the editor on a config row with its value in force, in words', async () => {
    const row = page.locator('tr[data-config="segment.bytes"]')
    const effective = /^(\d+)/.exec((await row.locator('td.config-value').textContent()) ?? '')?.[1] as string
    await row.hover()
    await row.getByRole('button', { name: 'Edit segment.bytes' }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit configs' })
    expect(await dialog.getByLabel('Config name 1').inputValue()).toBe('segment.bytes')
    expect(await dialog.getByLabel('Config value 1').inputValue()).toBe(effective)
    expect(await dialog.getByTestId('config-hint-1').textContent()).toMatch(/^bytes = (≈ )?[\d.]+ (GiB|MiB|KiB|B)$/)
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

describe('sorting, sizes and the ranking export', () => {
  const prefix = uniqueName('ui-sort')
  const [a, b, c] = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]
  const [smallLag, bigLag] = [`${prefix}-g1`, `${prefix}-g2`]
  const shownTopics = async () => page.locator('tr[data-topic]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-topic')))
  const header = (name: string) => page.getByRole('columnheader', { name })

  beforeAll(async () => {
    const brokers = server.deps.config.clusters[0]?.brokers ?? []
    await admin.createTopics({ topics: [a], partitions: 1, replicas: 1 })
    await admin.createTopics({ topics: [b], partitions: 3, replicas: 1 })
    await admin.createTopics({ topics: [c], partitions: 2, replicas: 1 })
    await produce(brokers, a, Array.from({ length: 40 }, (_, i) => ({ value: `${i}:${'a'.repeat(1000)}`, partition: 0 })))
    await produce(brokers, c, Array.from({ length: 4 }, (_, i) => ({ value: `${i}`, partition: i % 2 })))
    await commitOffsets(brokers, smallLag, a, { 0: 35 })
    await commitOffsets(brokers, bigLag, a, { 0: 2 })
    const run = await sampleCluster(server.deps.kafka.get('local'), server.deps.logs)
    expect(run.ok).toBe(true)
  })

  afterAll(async () => {
    await admin?.deleteGroups({ groups: [smallLag, bigLag] }).catch(() => {})
    await admin?.deleteTopics({ topics: [a, b, c] }).catch(() => {})
  })

  it('sorts the topic list on the server by a clicked column, both ways, and shows sizes from the latest sample', async () => {
    await page.setViewportSize({ width: 1920, height: 900 })
    await page.goto(`${server.url}/c/local/topics?q=${prefix}`)
    await expect.poll(shownTopics).toEqual([a, b, c])
    expect(await header('Name').getAttribute('aria-sort')).toBe('ascending')

    await header('Partitions').getByRole('button').click()
    await expect.poll(shownTopics).toEqual([b, c, a])
    expect(await header('Partitions').getAttribute('aria-sort')).toBe('descending')
    expect(await header('Partitions').textContent()).toContain('▼')
    expect(new URL(page.url()).searchParams.get('sort')).toBe('partitions')
    await header('Partitions').getByRole('button').click()
    await expect.poll(shownTopics).toEqual([a, c, b])
    expect(await header('Partitions').textContent()).toContain('▲')

    // Sizes: the sample is searchable a moment after it was stored.
    await expect.poll(async () => {
      await page.reload()
      return page.locator(`tr[data-topic="${a}"] td[data-col="size"]`).textContent()
    }, { timeout: 15_000, interval: 1_000 }).toMatch(/KiB$/)
    await header('Size').getByRole('button').click()
    await expect.poll(shownTopics).toEqual([a, c, b])
    expect(await header('Size').getAttribute('aria-sort')).toBe('descending')
    expect(await page.locator(`tr[data-topic="${b}"] td[data-col="size"]`).textContent()).toBe('0 B')
    // Wide screens are used: the page is not capped at 1,400 px any more.
    const width = await page.locator('section.page').first().evaluate((el) => el.getBoundingClientRect().width)
    expect(width).toBeGreaterThan(1800)
    await page.setViewportSize({ width: 1360, height: 900 })
    await screenshot(page, 'topics')
  })

  it('lists consumer groups in id order, the order the server pages them in, and says so', async () => {
    // Sorting only the loaded page by lag would misrepresent 45,000 groups: the list keeps id order.
    await page.goto(`${server.url}/c/local/groups`)
    await page.getByLabel('Filter groups').fill(prefix)
    const shownGroups = async () => page.locator('tr[data-group]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-group')))
    await expect.poll(shownGroups).toEqual([smallLag, bigLag])
    expect(await page.getByRole('columnheader', { name: /Group ID/ }).getAttribute('aria-sort')).toBe('ascending')
    expect(await header('Total lag').getByRole('button').count()).toBe(0)
    expect(await page.getByTestId('groups-note').textContent()).toContain('Sorted by group id')
  })

  it('exports the disk ranking as CSV, as shown', async () => {
    await page.goto(`${server.url}/c/local/storage`)
    const ranking = page.getByRole('region', { name: 'Disk usage ranking' })
    await ranking.getByLabel('Filter topics').fill(prefix)
    await ranking.locator(`tr[data-topic="${a}"]`).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), ranking.getByRole('button', { name: 'Export CSV' }).click()])
    expect(download.suggestedFilename()).toMatch(/^disk-ranking-.*\.csv$/)
    const csv = await readFile(await download.path(), 'utf8')
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toMatch(/^topic,internal,bytes,leader_bytes,/)
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([a, c, b])
    expect(Number(lines[1]?.split(',')[2])).toBeGreaterThan(40_000)
  })
})
