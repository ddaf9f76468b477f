// The consumer groups list: a group found by the filter, with its protocol and lag.
import { describe, expect, it } from 'vitest'
import { laggingGroup, screenshot } from './harness.ts'

const fixture = laggingGroup('browser-groups-test')

describe('consumer groups', () => {
  it('lists the group with its lag', async () => {
    const { page, server, group } = fixture
    await page.goto(`${server.url}/c/local/groups`)
    await page.getByLabel('Filter groups').fill(group)
    const row = page.locator(`tr[data-group="${group}"]`)
    await row.waitFor()
    const text = await row.textContent()
    expect(text).toContain('classic')
    expect(text).toContain('15') // (20 − 5) + (20 − 20)
    await screenshot(page, 'groups')
  })
})
