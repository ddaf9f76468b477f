// Offset reset as an operator uses it: preview a reset to earliest, apply it, see the new offsets;
// what each scope covers, partitions without a commit, and a group whose members block the reset.
import { describe, expect, it } from 'vitest'
import { commitOffsets, joinGroup } from '../../functions/testing/kafka.ts'
import { adminToken, bearer, uniqueName } from '../../functions/testing/stack.ts'
import { laggingGroup, screenshot } from './harness.ts'

const fixture = laggingGroup('browser-offset-reset-test')

describe('offset reset', () => {
  it('previews and applies a reset to earliest, then shows the new offsets', async () => {
    const { page, server, admin, group } = fixture
    // From the groups list, as a person gets there.
    await page.goto(`${server.url}/c/local/groups?q=${group}`)
    await page.locator(`tr[data-group="${group}"] a`).click()
    await page.waitForURL(new RegExp(`/c/local/groups/${group}$`))
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(group)
    const region = page.getByRole('region', { name: 'Reset offsets' })
    // What each scope covers, on screen.
    expect(await region.getByTestId('scope-hint').textContent()).toBe('Only partitions with a committed offset; partitions without one are left as they are.')
    await region.getByLabel('One topic').check()
    expect(await region.getByTestId('scope-hint').textContent()).toBe('Every partition of the topic, committed or not.')
    await region.getByLabel('All topics of the group').check()
    await region.getByLabel('Strategy').selectOption('earliest')
    await region.getByRole('button', { name: 'Preview' }).click()
    const preview = page.getByRole('table', { name: 'Reset preview' })
    await preview.waitFor()
    expect(await preview.locator('tr[data-partition]').count()).toBe(2)
    await screenshot(page, 'group-detail')
    await region.getByRole('button', { name: 'Apply reset…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Apply offset reset' })
    // Worded from the plan: 5 → 0 and 20 → 0 re-deliver 25 messages; nothing is skipped.
    const effect = await dialog.getByTestId('reset-effect').textContent()
    expect(effect).toBe('Moves 2 partitions back: 25 messages already read will be delivered again.')
    expect(await dialog.textContent()).not.toContain('skipped')
    await dialog.getByRole('button', { name: 'Apply reset', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Offsets reset for 2 partitions' }).waitFor()
    const [committed] = await admin.listConsumerGroupOffsets({ groups: [group] })
    expect(committed?.topics[0]?.partitions.map((p) => p.committedOffset)).toEqual([0n, 0n])
  })

  it('words a forward reset as skipping, and a mixed one with both counts', async () => {
    const { page, server, brokers, topic } = fixture
    const group = uniqueName('ui-forward')
    await commitOffsets(brokers, group, topic, { 0: 5, 1: 15 })
    try {
      await page.goto(`${server.url}/c/local/groups/${group}`)
      const region = page.getByRole('region', { name: 'Reset offsets' })
      const dialog = page.getByRole('dialog', { name: 'Apply offset reset' })
      const effectOf = async (strategy: string, value?: string) => {
        await region.getByLabel('Strategy').selectOption(strategy)
        if (value !== undefined) await region.getByLabel('Offset', { exact: true }).fill(value)
        await region.getByRole('button', { name: 'Preview' }).click()
        // Enabled once the preview of this very request has arrived.
        await region.getByRole('button', { name: 'Apply reset…' }).click()
        const text = await dialog.getByTestId('reset-effect').locator('li').allTextContents()
        await dialog.getByRole('button', { name: 'Cancel' }).click()
        return text
      }
      expect(await effectOf('latest')).toEqual(['Moves 2 partitions forward: 20 messages will be skipped and never delivered to this group.'])
      expect(await effectOf('offset', '10')).toEqual([
        'Moves 1 partition back: 5 messages already read will be delivered again.',
        'Moves 1 partition forward: 5 messages will be skipped and never delivered to this group.',
      ])
    } finally {
      await fixture.admin.deleteGroups({ groups: [group] }).catch(() => {})
    }
  })

  it('shows a read topic\'s partitions without a commit, outside the lag', async () => {
    const { page, server, brokers, topic } = fixture
    const group = uniqueName('ui-partial')
    await commitOffsets(brokers, group, topic, { 0: 5 })
    try {
      await page.goto(`${server.url}/c/local/groups/${group}`)
      const uncommitted = page.locator(`tr[data-topic="${topic}"][data-partition="1"]`)
      await uncommitted.waitFor()
      expect(await uncommitted.textContent()).toContain('no commit')
      const head = page.locator(`tbody[data-topic="${topic}"] .topic-row`)
      expect(await head.getByTestId('uncommitted').textContent()).toContain('lag over the 1 committed only; without a commit: partition 1')
      expect(await head.textContent()).toContain('15')
    } finally {
      await fixture.admin.deleteGroups({ groups: [group] }).catch(() => {})
    }
  })

  it('disables Apply, with the reason, while the group has members', async () => {
    const { page, server, brokers, topic } = fixture
    const group = uniqueName('ui-busy')
    const member = await joinGroup(brokers, group, topic)
    try {
      // Until the coordinator reports the member (joining takes a rebalance).
      const deadline = Date.now() + 30_000
      for (;;) {
        const response = await fetch(`${server.url}/api/clusters/local/groups/${group}`, { headers: bearer(adminToken) })
        if (response.ok && ((await response.json()) as { members: unknown[] }).members.length > 0) break
        if (Date.now() > deadline) throw new Error(`no member in ${group}`)
        await new Promise((r) => setTimeout(r, 250))
      }
      await page.goto(`${server.url}/c/local/groups/${group}`)
      const region = page.getByRole('region', { name: 'Reset offsets' })
      await region.getByLabel('Strategy').selectOption('earliest')
      await region.getByLabel('One topic').check()
      await region.getByRole('button', { name: 'Preview' }).click()
      await page.getByRole('table', { name: 'Reset preview' }).waitFor()
      expect(await region.getByRole('button', { name: 'Apply reset…' }).isDisabled()).toBe(true)
      expect(await region.getByTestId('apply-blocked').textContent()).toContain('Kafka refuses a reset while the group has 1 active member: stop its consumers first.')
    } finally {
      await member.stop()
      await fixture.admin.deleteGroups({ groups: [group] }).catch(() => {})
    }
  })
})
