// The local alert store: one owner-only JSON file per cluster (it holds webhook URLs), rules and
// state kept apart, history newest first and capped; concurrent writers in one process serialised.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FileAlertStore, historyLimit } from './store.ts'
import type { StoredRule } from './model.ts'

const home = mkdtempSync(join(tmpdir(), 'kp-alerts-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

const rule = (id: string): StoredRule => ({
  id, cluster: 'local', name: id, enabled: true, kind: 'offline-partitions', threshold: 1, remindAfterMs: 60_000,
  destinations: [{ id: 'd', kind: 'webhook', url: 'https://example.com/hook/secret' }], updatedAt: '', updatedBy: 'olive',
})
const entry = (i: number) => ({ id: String(i), cluster: 'local', ruleId: 'a', ruleName: 'a', status: 'firing' as const, severity: 'critical' as const, key: 'k', summary: 's', sentAt: '', deliveries: [] })

describe('file alert store', () => {
  it('keeps rules across instances in an owner-only file; concurrent writes are not lost', async () => {
    const store = new FileAlertStore(home)
    await Promise.all(['a', 'b', 'c'].map((id) => store.putRule(rule(id))))
    await store.saveStates('local', [{ ruleId: 'a', key: 'k', severity: 'critical', summary: 's', since: 't', lastSentAt: 't' }])
    const again = new FileAlertStore(home)
    expect((await again.rules('local')).map((r) => r.id)).toEqual(['a', 'b', 'c'])
    expect(await again.states('local')).toHaveLength(1)
    expect(statSync(join(home, 'alerts', 'local.json')).mode & 0o777).toBe(0o600)
    // Deleting a rule drops its state with it.
    expect(await again.deleteRule('local', 'a')).toBe(true)
    expect(await again.states('local')).toEqual([])
    expect(await again.rules('other')).toEqual([])
  })

  it('history newest first, capped', async () => {
    const store = new FileAlertStore(home)
    await store.addHistory('local', [entry(1), entry(2)])
    await store.addHistory('local', Array.from({ length: historyLimit }, (_, i) => entry(i + 3)))
    const history = await store.history('local', 1_000)
    expect(history).toHaveLength(historyLimit)
    expect(history[0]?.id).toBe(String(historyLimit + 2))
  })
})
