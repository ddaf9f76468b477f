// Offset reset as an operator uses it: preview a reset to earliest, apply it, see the new offsets.
import { describe, expect, it } from 'vitest'
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
