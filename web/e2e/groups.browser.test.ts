// The consumer groups list: a group found by the filter, with its protocol and lag; and a group's
// detail as a person reads it for the data-loss question.
import { describe, expect, it } from 'vitest'
import { commitOffsets, produce } from '../../functions/testing/kafka.ts'
import { uniqueName } from '../../functions/testing/stack.ts'
import { laggingGroup, screenshot } from './harness.ts'

const fixture = laggingGroup('browser-groups-test')
const day = 86_400_000

describe('consumer groups', () => {
  it('lists the group with its lag', async () => {
    const { page, server, group } = fixture
    await page.goto(`${server.url}/c/local/groups`)
    await page.getByLabel('Filter groups').fill(group)
    const row = page.locator(`tr[data-group="${group}"]`)
    await row.waitFor()
    const text = await row.textContent()
    expect(text).toContain('classic')
    expect(await row.getByTestId('lag').textContent()).toBe('15') // (20 − 5) + (20 − 20)
    expect(await row.getByTestId('risk').textContent()).toBe('')
    // The server filters (after a short pause in typing): only the group is left.
    await expect.poll(() => page.getByTestId('groups-shown').textContent()).toBe('Showing 1 of 1')
    expect(await page.getByTestId('groups-note').textContent()).toContain('Total lag covers committed partitions only')
    await screenshot(page, 'groups')
  })

  it('pages the list from the server: the first 200 of the matching groups, then more on request', async () => {
    const { page, server, admin, topic } = fixture
    const prefix = uniqueName('ui-many')
    const many = Array.from({ length: 201 }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`)
    for (let i = 0; i < many.length; i += 25) {
      await Promise.all(many.slice(i, i + 25).map((groupId) =>
        admin.alterConsumerGroupOffsets({ groupId, topics: [{ name: topic, partitionOffsets: [{ partition: 0, offset: 1n }] }] })))
    }
    try {
      await page.goto(`${server.url}/c/local/groups?q=${prefix}`)
      const shown = page.getByTestId('groups-shown')
      await page.getByTestId('groups-total').filter({ hasText: '201 groups' }).waitFor()
      await shown.filter({ hasText: 'Showing 200 of 201' }).waitFor()
      await page.getByRole('button', { name: 'Load more' }).click()
      await shown.filter({ hasText: 'Showing 201 of 201' }).waitFor()
      expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0)
      // In id order, the last one loaded last.
      const last = page.locator(`tr[data-group="${many[200]}"]`)
      await page.locator('.table-scroll[aria-label="Consumer groups list"]').evaluate((el) => el.scrollTo(0, el.scrollHeight))
      await last.waitFor()
      expect(await last.getByTestId('lag').textContent()).toBe('19') // 20 − 1
    } finally {
      await admin.deleteGroups({ groups: many }).catch(() => {})
    }
  })

  it('links a group to its topic and the topic back to the groups reading it, with their lag', async () => {
    const { page, server, group, topic } = fixture
    await page.goto(`${server.url}/c/local/groups/${group}`)
    await page.locator(`tbody[data-topic="${topic}"] .topic-row a`).click()
    await page.waitForURL(new RegExp(`/c/local/topics/${topic}/consumers$`))
    const consumers = page.getByRole('region', { name: 'Consumers' })
    const row = consumers.locator(`tr[data-group="${group}"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain('2 of 2') // committed partitions
    expect(await row.getByTestId('lag').textContent()).toBe('15') // (20 − 5) + (20 − 20)
    await row.getByRole('link', { name: group }).click()
    await page.waitForURL(new RegExp(`/c/local/groups/${group}$`))
  })

  it('flags a stopped group on a quiet topic at risk by the age of its oldest unread record', async () => {
    const { page, server, admin, brokers } = fixture
    const quiet = uniqueName('ui-quiet')
    const stopped = uniqueName('ui-stopped')
    // Retention 7 days; every record 6 days old, so none is newer than the unread ones.
    await admin.createTopics({ topics: [quiet], partitions: 1, replicas: 1, configs: [{ name: 'retention.ms', value: String(7 * day) }] })
    try {
      const sixDaysAgo = Date.now() - 6 * day
      await produce(brokers, quiet, Array.from({ length: 5 }, (_, i) => ({ value: `old ${i}`, partition: 0, timestamp: BigInt(sixDaysAgo + i) })))
      await commitOffsets(brokers, stopped, quiet, { 0: 1 })
      await page.goto(`${server.url}/c/local/groups/${stopped}`)
      const row = page.locator(`tr[data-topic="${quiet}"][data-partition="0"]`)
      await row.waitFor()
      expect(await row.getByTestId('unread-age').textContent()).toBe('6.0 d')
      expect(await row.textContent()).toContain('data loss risk')
      expect(await page.locator(`tbody[data-topic="${quiet}"] .topic-row`).textContent()).toContain('1 at risk')
      expect(await page.getByRole('note').filter({ hasText: 'oldest unread record is 6.0 d old' }).count()).toBe(1)
      // The groups list flags it too.
      await page.goto(`${server.url}/c/local/groups?q=${stopped}`)
      const listed = page.locator(`tr[data-group="${stopped}"]`)
      await listed.waitFor()
      expect(await listed.getByTestId('risk').textContent()).toBe('data loss risk')
      // The topic's consumers say the same.
      await page.goto(`${server.url}/c/local/topics/${quiet}/consumers`)
      const reader = page.getByRole('region', { name: 'Consumers' }).locator(`tr[data-group="${stopped}"]`)
      await reader.waitFor()
      expect(await reader.getByTestId('unread-age').textContent()).toBe('6.0 d')
      expect(await reader.textContent()).toContain('data loss risk')
    } finally {
      await admin.deleteGroups({ groups: [stopped] }).catch(() => {})
      await admin.deleteTopics({ topics: [quiet] }).catch(() => {})
    }
  })
})
