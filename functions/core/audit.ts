// Audit records: who changed what, before → after, kept in VictoriaLogs in a stream of their own,
// and made tamper-evident. Each API instance (a Lambda container, the local process) writes its
// own hash chain per cluster: a record carries its writer's id, a sequence number, the previous
// record's MAC and an HMAC over its canonical content and that link. Without the key nobody can
// write a record that verifies, so a line put straight into VictoriaLogs shows as forged, and a
// removed record shows as a gap before the writer's next one. Chains per writer, not one global
// chain: instances write at once without coordinating, and none can break another's chain.
import type { AuditIntegrity, AuditPage, AuditRecord, AuditTrailIntegrity } from '../contract/audit.ts'
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Principal } from './auth/roles.ts'
import { AppError } from './errors.ts'
import { exactFilter, streamFilter, type Row, type VictoriaLogsClient } from './victorialogs/index.ts'

export const auditStream = 'audit'

/**
 * A change goes in as `requested` (stored before the change is made: no record, no change), then
 * its outcome. A refusal (403, confirmation missing) is one `refused` record.
 */
export type AuditOutcome = 'requested' | 'succeeded' | 'failed' | 'refused'

export interface AuditEntry {
  cluster: string
  actor: Pick<Principal, 'name' | 'role'>
  action: string
  target: string
  outcome: AuditOutcome
  /** Links a change's records (request and outcome). */
  attempt: string
  before?: unknown
  after?: unknown
  /** What was asked for (the request's own terms). */
  request?: unknown
  /** The error code of a failed or refused attempt. */
  error?: string
}

/** The fields the MAC covers, as strings, exactly as VictoriaLogs gives them back. */
interface ChainedFields {
  cluster: string
  writer: string
  seq: string
  prev: string
  time: string
  attempt: string
  outcome: string
  actor: string
  role: string
  action: string
  target: string
  before: string
  after: string
  request: string
  error: string
}

const chainVersion = 'kafka-plus-audit/1'

/** Past this, a value is recorded by size and digest: VictoriaLogs refuses lines over 256 KB, and a refused record refuses the change. */
export const maxAuditValueChars = 64_000

function json(value: unknown): string {
  if (value === undefined) return ''
  const text = JSON.stringify(value)
  if (text.length <= maxAuditValueChars) return text
  return JSON.stringify({ truncated: true, chars: text.length, sha256: createHash('sha256').update(text).digest('hex') })
}

/** One JSON array in a fixed order: no field can be shifted into another. Time as epoch ms (VictoriaLogs rewrites the text). */
function canonical(f: ChainedFields): string {
  const timeMs = Date.parse(f.time)
  return JSON.stringify([chainVersion, f.cluster, f.writer, f.seq, f.prev, Number.isFinite(timeMs) ? timeMs : f.time,
    f.attempt, f.outcome, f.actor, f.role, f.action, f.target, f.before, f.after, f.request, f.error])
}

export function auditMac(key: string, fields: ChainedFields): string {
  return createHmac('sha256', key).update(canonical(fields)).digest('hex')
}

const sameMac = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

export const auditUnavailable = (cause: unknown) => new AppError('AUDIT_UNAVAILABLE',
  'The audit record of this change could not be stored, so the change was not made. Try again when the log store is back.',
  { status: 503, retryable: true, cause })

export const newAttemptId = () => randomBytes(9).toString('base64url')

interface ChainHead {
  writer: string
  seq: number
  mac: string
  /** Records of one chain are signed and stored one after another. */
  queue: Promise<unknown>
}

/**
 * One API instance's signing state: per cluster, its chain's head. The chain moves on only when a
 * record is stored; a failed write starts a new chain under a new writer id, because the failed
 * record may or may not have arrived (a reused sequence number, or a false gap, would follow).
 */
export class AuditChain {
  readonly #key: string
  readonly #newWriterId: () => string
  readonly #heads = new Map<string, ChainHead>()

  constructor(key: string, options: { newWriterId?: () => string } = {}) {
    this.#key = key
    this.#newWriterId = options.newWriterId ?? (() => randomBytes(6).toString('hex'))
  }

  #head(cluster: string): ChainHead {
    let head = this.#heads.get(cluster)
    if (!head) {
      head = { writer: this.#newWriterId(), seq: 0, mac: '', queue: Promise.resolve() }
      this.#heads.set(cluster, head)
    }
    return head
  }

  /** Signs `entry` as the next record of its cluster's chain and hands the document to `store`. */
  append(entry: AuditEntry, store: (document: Record<string, string>) => Promise<void>, now: () => Date = () => new Date()): Promise<Record<string, string>> {
    const head = this.#head(entry.cluster)
    const run = async () => {
      const fields: ChainedFields = {
        cluster: entry.cluster, writer: head.writer, seq: String(head.seq + 1), prev: head.mac, time: now().toISOString(),
        attempt: entry.attempt, outcome: entry.outcome, actor: entry.actor.name, role: entry.actor.role, action: entry.action,
        target: entry.target, before: json(entry.before), after: json(entry.after), request: json(entry.request), error: entry.error ?? '',
      }
      const mac = auditMac(this.#key, fields)
      const { time, ...rest } = fields
      const document = { _time: time, _msg: `${entry.actor.name} ${entry.action} ${entry.target} ${entry.outcome}`, kind: auditStream, ...rest, mac }
      try {
        await store(document)
      } catch (error: unknown) {
        head.writer = this.#newWriterId()
        head.seq = 0
        head.mac = ''
        throw error
      }
      head.seq += 1
      head.mac = mac
      return document
    }
    const result = head.queue.then(run, run)
    head.queue = result.catch(() => {})
    return result
  }
}

/** Stores one audit record in the cluster's chain; rejects when VictoriaLogs did not take it. */
export async function recordAudit(logs: VictoriaLogsClient, chain: AuditChain, entry: AuditEntry, now?: () => Date): Promise<void> {
  // Empty fields are dropped by VictoriaLogs; they read back as '' (what the MAC was computed over).
  await chain.append(entry, (document) => logs.insert([document], { streamFields: ['kind', 'cluster'], timeoutMs: 5_000 }), now)
}

// ---------------------------------------------------------------------------------------------
// Reading and verifying

export type { AuditIntegrity } from '../contract/audit.ts'

/** One stored record as read back: its chain fields and MAC. */
export interface AuditRow extends ChainedFields {
  mac: string
}

export const rowOf = (row: Row): AuditRow => {
  const text = (name: string) => (row[name] === undefined || row[name] === null ? '' : String(row[name]))
  return {
    cluster: text('cluster'), writer: text('writer'), seq: text('seq'), prev: text('prev'), time: text('_time'), attempt: text('attempt'),
    outcome: text('outcome'), actor: text('actor'), role: text('role'), action: text('action'), target: text('target'),
    before: text('before'), after: text('after'), request: text('request'), error: text('error'), mac: text('mac'),
  }
}

const seqOf = (row: AuditRow) => (/^[1-9]\d{0,15}$/.test(row.seq) ? Number(row.seq) : undefined)

/**
 * The integrity of each of `rows`, judged against `chain`: every stored record of the same writers
 * over the sequence range concerned (it may include `rows` themselves). Order does not matter.
 */
export function verifyAuditRows(key: string, rows: readonly AuditRow[], chain: readonly AuditRow[]): AuditIntegrity[] {
  const valid = new Map<AuditRow, boolean>()
  const isValid = (row: AuditRow) => {
    let known = valid.get(row)
    if (known === undefined) {
      known = seqOf(row) !== undefined && row.writer !== '' && /^[0-9a-f]{64}$/.test(row.mac) && sameMac(row.mac, auditMac(key, row))
      valid.set(row, known)
    }
    return known
  }
  const id = (writer: string, seq: number) => `${writer}\0${seq}`
  // Copies of a record: counted in `chain` alone, where each stored record comes once (unless stored twice).
  const copies = new Map<string, number>()
  for (const row of chain) if (isValid(row)) copies.set(id(row.writer, seqOf(row) as number), (copies.get(id(row.writer, seqOf(row) as number)) ?? 0) + 1)
  // What each writer's records at a sequence number signed, to check the next one's link.
  const macs = new Map<string, Set<string>>()
  for (const row of [...chain, ...rows]) {
    if (!isValid(row)) continue
    const at = id(row.writer, seqOf(row) as number)
    macs.set(at, (macs.get(at) ?? new Set()).add(row.mac))
  }
  return rows.map((row) => {
    if (!isValid(row)) return 'forged'
    const seq = seqOf(row) as number
    if ((copies.get(id(row.writer, seq)) ?? 1) > 1) return 'duplicate'
    if (seq === 1) return row.prev === '' ? 'ok' : 'removed-before'
    return macs.get(id(row.writer, seq - 1))?.has(row.prev) ? 'ok' : 'removed-before'
  })
}

/** One change attempt as the audit API shows it: its records merged (request and outcome). */
export type AuditItem = AuditRecord
export type AuditTrail = AuditPage
export type { AuditTrailIntegrity }

const parseJsonField = (value: string) => {
  if (value === '') return null
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}

const severity: Record<AuditIntegrity, number> = { ok: 0, duplicate: 1, 'removed-before': 2, forged: 3 }

function mergeAttempts(rows: readonly AuditRow[], integrity: readonly AuditIntegrity[], limit: number): AuditItem[] {
  // Newest first; a change's records share its attempt id (a line without one stands alone).
  const groups = new Map<string, number[]>()
  rows.forEach((row, i) => {
    const group = row.attempt ? `a:${row.attempt}` : `r:${i}`
    const list = groups.get(group) ?? []
    list.push(i)
    groups.set(group, list)
  })
  const items: AuditItem[] = []
  for (const indexes of groups.values()) {
    if (items.length >= limit) break
    const members = indexes.map((i) => ({ row: rows[i] as AuditRow, integrity: integrity[i] as AuditIntegrity }))
    // The fields come from the newest record that verified (a forged one cannot override a real one).
    const source = (members.find((m) => m.integrity !== 'forged') ?? members[0])!
    const final = members.find((m) => m.row.outcome !== 'requested' && m.integrity !== 'forged') ?? members.find((m) => m.row.outcome !== 'requested')
    const requested = members.find((m) => m.row.outcome === 'requested')
    const outcome = final ? final.row.outcome : 'pending'
    const fieldsOf = final ?? source
    items.push({
      time: members[0]!.row.time,
      actor: source.row.actor, role: source.row.role, action: source.row.action, target: source.row.target,
      before: parseJsonField(fieldsOf.row.before), after: parseJsonField(fieldsOf.row.after),
      outcome: (['succeeded', 'failed', 'refused'].includes(outcome) ? outcome : 'pending') as AuditItem['outcome'],
      error: fieldsOf.row.error || null,
      request: parseJsonField((requested ?? source).row.request),
      attempt: source.row.attempt || null,
      integrity: members.reduce<AuditIntegrity>((worst, m) => (severity[m.integrity] > severity[worst] ? m.integrity : worst), 'ok'),
      records: members.map((m) => ({ time: m.row.time, outcome: m.row.outcome, writer: m.row.writer, seq: seqOf(m.row) ?? null, integrity: m.integrity })),
    })
  }
  return items
}

/** Enough chain context for any page of the trail; more than this many records of the writers shown is not checked. */
const chainContextLimit = 20_000

/**
 * The newest `limit` change attempts of a cluster (optionally of one target), each with its
 * integrity, and the trail's overall status. The chain context (the records of the same writers
 * around them, whatever their target) is read too, so a filter never fakes a gap.
 */
export async function readAuditTrail(logs: VictoriaLogsClient, key: string, cluster: string, options: { target?: string; limit: number }): Promise<AuditTrail> {
  const scope = streamFilter({ kind: auditStream, cluster })
  const filters = [scope]
  if (options.target) filters.push(exactFilter('target', options.target))
  const rows: AuditRow[] = []
  // Two records per attempt at most (request, outcome), forged lines aside.
  for await (const row of logs.queryRows(`${filters.join(' ')} | sort by (_time desc) | limit ${options.limit * 2}`, { start: '0' })) rows.push(rowOf(row))

  const ranges = new Map<string, { min: number; max: number }>()
  for (const row of rows) {
    const seq = seqOf(row)
    if (seq === undefined || !/^[0-9a-f]{1,64}$/.test(row.writer)) continue
    const range = ranges.get(row.writer)
    ranges.set(row.writer, { min: Math.min(range?.min ?? seq, seq), max: Math.max(range?.max ?? seq, seq) })
  }
  const chain: AuditRow[] = []
  if (ranges.size > 0) {
    const clauses = [...ranges].map(([writer, { min, max }]) => `(${exactFilter('writer', writer)} seq:range[${Math.max(1, min - 1)}, ${max}])`)
    const query = `${scope} (${clauses.join(' or ')}) | limit ${chainContextLimit}`
    for await (const row of logs.queryRows(query, { start: '0' })) chain.push(rowOf(row))
  }
  const integrity = verifyAuditRows(key, rows, chain)
  const items = mergeAttempts(rows, integrity, options.limit)
  const shown = items.flatMap((item) => item.records)
  const count = (what: AuditIntegrity) => shown.filter((r) => r.integrity === what).length
  const summary: AuditTrailIntegrity = {
    status: shown.every((r) => r.integrity === 'ok') ? 'ok' : 'flagged',
    checked: shown.length, forged: count('forged'), removedBefore: count('removed-before'), duplicates: count('duplicate'),
  }
  return { items, integrity: summary }
}
