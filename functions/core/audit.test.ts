// The audit hash chain without VictoriaLogs: what verifies, and what is flagged (forged lines,
// altered or removed records, copies), whatever order the records come back in, with several
// writers at once.
import { describe, expect, it } from 'vitest'
import { AuditChain, auditMac, rowOf, verifyAuditRows, type AuditEntry, type AuditRow } from './audit.ts'

const key = 'test-audit-key-0123456789abcdef0123456789'
const admin = { name: 'ada', role: 'admin' as const }

function writer(id: string, store: Record<string, string>[] = [], fail?: () => boolean) {
  let n = 0
  const chain = new AuditChain(key, { newWriterId: () => `${id}${n++}` })
  let clock = Date.parse('2026-03-01T10:00:00.000Z')
  const append = (entry: Partial<AuditEntry> = {}) => chain.append(
    { cluster: 'prod', actor: admin, action: 'topic.configs', target: 'orders', outcome: 'succeeded', attempt: `a${clock}`, after: { 'retention.ms': '1' }, ...entry },
    async (document) => {
      await Promise.resolve()
      if (fail?.()) throw new Error('VictoriaLogs down')
      store.push(document)
    },
    () => new Date(clock += 1_000),
  )
  return { append, store }
}

const rows = (documents: Record<string, string>[]): AuditRow[] => documents.map((d) => rowOf(d))
const verify = (list: AuditRow[], chain = list) => verifyAuditRows(key, list, chain)
const shuffle = <T>(list: T[]) => [3, 0, 5, 1, 4, 2].map((i) => list[i] as T)

describe('the audit chain', () => {
  it('verifies the records of one writer, in whatever order they come back', async () => {
    const w = writer('aa')
    for (let i = 0; i < 6; i++) await w.append()
    const list = rows(w.store)
    expect(list.map((r) => r.seq)).toEqual(['1', '2', '3', '4', '5', '6'])
    expect(list[0]?.prev).toBe('')
    expect(list[1]?.prev).toBe(list[0]?.mac)
    expect(verify(list)).toEqual(Array(6).fill('ok'))
    const mixed = shuffle(list)
    expect(mixed.map((r) => r.seq)).not.toEqual(list.map((r) => r.seq))
    expect(verify(mixed)).toEqual(Array(6).fill('ok'))
  })

  it('flags a line written without the key as forged: no MAC, a made-up MAC, or a genuine MAC on other content', async () => {
    const w = writer('aa')
    for (let i = 0; i < 3; i++) await w.append()
    const [first, second, third] = rows(w.store) as [AuditRow, AuditRow, AuditRow]
    const noMac: AuditRow = { ...second, seq: '4', prev: third.mac, mac: '', action: 'topic.delete' }
    const madeUp: AuditRow = { ...noMac, mac: 'f'.repeat(64) }
    const altered: AuditRow = { ...second, after: '{"retention.ms":"86400000"}' }
    const signedElsewhere: AuditRow = { ...noMac, mac: auditMac('another-key-of-at-least-32-characters', noMac) }
    // An altered record is a forged one in place of the real one: the next record misses its predecessor.
    expect(verify([first, altered, third, noMac, madeUp, signedElsewhere])).toEqual(['ok', 'forged', 'removed-before', 'forged', 'forged', 'forged'])
    expect(verify([first, second, third, noMac])).toEqual(['ok', 'ok', 'ok', 'forged'])
  })

  it('flags the record after a removed one (removed-before), including a removed first record', async () => {
    const w = writer('aa')
    for (let i = 0; i < 5; i++) await w.append()
    const list = rows(w.store)
    const withoutThird = list.filter((r) => r.seq !== '3')
    expect(verify(withoutThird)).toEqual(['ok', 'ok', 'removed-before', 'ok'])
    const withoutFirst = list.slice(1)
    expect(verify(withoutFirst)).toEqual(['removed-before', 'ok', 'ok', 'ok'])
    // Replaced by a forged record at the same place: the forgery and the gap both show.
    const replaced = list.map((r) => (r.seq === '3' ? { ...r, target: 'payments', mac: '0'.repeat(64) } : r))
    expect(verify(replaced)).toEqual(['ok', 'ok', 'forged', 'removed-before', 'ok'])
  })

  it('reordered content breaks the MACs: swapping two records\' sequence numbers makes both forged', async () => {
    const w = writer('aa')
    for (let i = 0; i < 4; i++) await w.append({ target: `t${i}` })
    const list = rows(w.store)
    const [a, b] = [list[1] as AuditRow, list[2] as AuditRow]
    const swapped = [list[0] as AuditRow, { ...a, seq: b.seq, prev: b.prev }, { ...b, seq: a.seq, prev: a.prev }, list[3] as AuditRow]
    expect(verify(swapped)).toEqual(['ok', 'forged', 'forged', 'removed-before'])
  })

  it('keeps two writers (two API instances writing at once) apart: each verifies, a gap shows only in its own chain', async () => {
    const store: Record<string, string>[] = []
    const one = writer('aa', store)
    const two = writer('bb', store)
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? one : two).append({ target: `t${i}` })))
    await Promise.all([one.append(), two.append(), one.append()])
    const list = rows(store)
    expect(new Set(list.map((r) => r.writer))).toEqual(new Set(['aa0', 'bb0']))
    expect(verify(list)).toEqual(Array(list.length).fill('ok'))
    const removed = list.filter((r) => !(r.writer === 'bb0' && r.seq === '2'))
    const result = verify(removed)
    expect(result.filter((v) => v !== 'ok')).toEqual(['removed-before'])
    expect(removed[result.indexOf('removed-before')]).toMatchObject({ writer: 'bb0', seq: '3' })
  })

  it('signs concurrent changes of one instance one after another: no sequence number twice', async () => {
    const w = writer('aa')
    await Promise.all(Array.from({ length: 20 }, (_, i) => w.append({ target: `t${i}` })))
    const list = rows(w.store)
    expect(list.map((r) => Number(r.seq)).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(verify(list)).toEqual(Array(20).fill('ok'))
  })

  it('after a failed write, starts a new chain under a new writer id: no false gap, and nothing stored is lost', async () => {
    let failNext = false
    const w = writer('aa', [], () => {
      const fail = failNext
      failNext = false
      return fail
    })
    await w.append()
    await w.append()
    failNext = true
    await expect(w.append()).rejects.toThrow('VictoriaLogs down')
    await w.append()
    await w.append()
    const list = rows(w.store)
    expect(list.map((r) => `${r.writer}:${r.seq}`)).toEqual(['aa0:1', 'aa0:2', 'aa1:1', 'aa1:2'])
    expect(verify(list)).toEqual(Array(4).fill('ok'))
  })

  it('records an oversized value (a huge offset reset) by size and digest, so the record still fits VictoriaLogs\' line limit', async () => {
    const w = writer('aa')
    const request = { topics: Array.from({ length: 5_000 }, (_, i) => ({ topic: `topic-${i}`, partitions: [0, 1, 2, 3] })) }
    await w.append({ request, before: { small: true } })
    const [row] = rows(w.store)
    expect(JSON.parse(row?.request ?? '')).toMatchObject({ truncated: true, chars: JSON.stringify(request).length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown })
    expect(row?.before).toBe('{"small":true}')
    expect(verify(rows(w.store))).toEqual(['ok'])
  })

  it('flags a record stored twice (a replayed copy) as duplicate', async () => {
    const w = writer('aa')
    for (let i = 0; i < 3; i++) await w.append()
    const list = rows(w.store)
    const copy = { ...(list[1] as AuditRow) }
    const withCopy = [...list, copy]
    expect(verify(withCopy)).toEqual(['ok', 'duplicate', 'ok', 'duplicate'])
  })

  it('judges a page against its chain context: a record whose predecessor is outside the page still verifies', async () => {
    const w = writer('aa')
    for (let i = 0; i < 10; i++) await w.append({ target: i % 2 ? 'orders' : 'payments' })
    const list = rows(w.store)
    const page = list.filter((r) => r.target === 'orders')
    expect(verify(page, list)).toEqual(Array(page.length).fill('ok'))
    // Without the context, every record but the first looks like it follows a gap: why it is read.
    expect(verify(page, page).filter((v) => v === 'removed-before')).toHaveLength(page.length)
  })
})
