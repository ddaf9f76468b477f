// Where alert rules, the dedupe state and the history of what was sent are kept, behind one
// interface chosen by configuration (config.alerts.store): a JSON file per cluster under
// KAFKA_PLUS_HOME locally (like the indexing plans), memory in tests, DynamoDB on AWS
// (functions/aws/dynamo-alert-store.ts). The API writes rules; the sampler path writes state and
// history, so the two never overwrite each other's part.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { AlertHistoryEntry } from '../../contract/alerts.ts'
import { AppError } from '../errors.ts'
import type { ConditionState } from './dedupe.ts'
import type { StoredRule } from './model.ts'

export interface AlertStore {
  readonly writable: boolean
  rules(cluster: string): Promise<StoredRule[]>
  putRule(rule: StoredRule): Promise<void>
  /** False when there was no such rule. */
  deleteRule(cluster: string, id: string): Promise<boolean>
  states(cluster: string): Promise<ConditionState[]>
  saveStates(cluster: string, states: ConditionState[]): Promise<void>
  addHistory(cluster: string, entries: AlertHistoryEntry[]): Promise<void>
  /** Newest first. */
  history(cluster: string, limit: number): Promise<AlertHistoryEntry[]>
}

export const alertStoreNotConfigured = () => new AppError('ALERT_STORE_NOT_CONFIGURED',
  'This deployment has no store for alert rules: set KAFKA_PLUS_ALERTS_TABLE (the DynamoDB table the stack declares).', { status: 503 })

/** History kept per cluster by the document stores. */
export const historyLimit = 500

interface Document {
  rules: StoredRule[]
  states: ConditionState[]
  history: AlertHistoryEntry[]
}

const empty = (): Document => ({ rules: [], states: [], history: [] })

/** Read-modify-write of one document per cluster, one at a time per cluster (one process). */
abstract class DocumentAlertStore implements AlertStore {
  readonly writable = true
  readonly #queues = new Map<string, Promise<unknown>>()

  protected abstract load(cluster: string): Promise<Document>
  protected abstract save(cluster: string, doc: Document): Promise<void>

  #update<T>(cluster: string, change: (doc: Document) => T): Promise<T> {
    const run = (this.#queues.get(cluster) ?? Promise.resolve()).catch(() => {}).then(async () => {
      const doc = await this.load(cluster)
      const result = change(doc)
      await this.save(cluster, doc)
      return result
    })
    this.#queues.set(cluster, run)
    return run
  }

  async rules(cluster: string) {
    return (await this.load(cluster)).rules
  }

  putRule(rule: StoredRule) {
    return this.#update(rule.cluster, (doc) => {
      doc.rules = [...doc.rules.filter((r) => r.id !== rule.id), rule].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    })
  }

  deleteRule(cluster: string, id: string) {
    return this.#update(cluster, (doc) => {
      const before = doc.rules.length
      doc.rules = doc.rules.filter((r) => r.id !== id)
      doc.states = doc.states.filter((s) => s.ruleId !== id)
      return doc.rules.length < before
    })
  }

  async states(cluster: string) {
    return (await this.load(cluster)).states
  }

  saveStates(cluster: string, states: ConditionState[]) {
    return this.#update(cluster, (doc) => {
      doc.states = states
    })
  }

  addHistory(cluster: string, entries: AlertHistoryEntry[]) {
    return this.#update(cluster, (doc) => {
      doc.history = [...entries.slice().reverse(), ...doc.history].slice(0, historyLimit)
    })
  }

  async history(cluster: string, limit: number) {
    return (await this.load(cluster)).history.slice(0, limit)
  }
}

export class MemoryAlertStore extends DocumentAlertStore {
  readonly #docs = new Map<string, Document>()

  protected load(cluster: string) {
    return Promise.resolve(structuredClone(this.#docs.get(cluster) ?? empty()))
  }

  protected save(cluster: string, doc: Document) {
    this.#docs.set(cluster, structuredClone(doc))
    return Promise.resolve()
  }
}

/** One JSON file per cluster under <home>/alerts, written atomically (temp file + rename). */
export class FileAlertStore extends DocumentAlertStore {
  readonly dir: string

  constructor(home: string) {
    super()
    this.dir = join(resolve(home), 'alerts')
  }

  protected async load(cluster: string): Promise<Document> {
    try {
      return { ...empty(), ...(JSON.parse(await readFile(join(this.dir, `${cluster}.json`), 'utf8')) as Partial<Document>) }
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return empty()
      throw new AppError('ALERT_STORE_UNAVAILABLE', `The alert rules of cluster '${cluster}' could not be read from ${this.dir}.`, { status: 503, cause: error })
    }
  }

  protected async save(cluster: string, doc: Document): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    const file = join(this.dir, `${cluster}.json`)
    const temp = `${file}.${process.pid}.tmp`
    // Owner-only: the file holds webhook URLs, which are secrets.
    await writeFile(temp, JSON.stringify(doc, null, 2), { mode: 0o600 })
    await rename(temp, file)
  }
}

/** A deployment without a store (Lambda without KAFKA_PLUS_ALERTS_TABLE): nothing to evaluate, nothing to change. */
export class NoAlertStore implements AlertStore {
  readonly writable = false
  rules() { return Promise.resolve([]) }
  putRule(): Promise<void> { return Promise.reject(alertStoreNotConfigured()) }
  deleteRule(): Promise<boolean> { return Promise.reject(alertStoreNotConfigured()) }
  states() { return Promise.resolve([]) }
  saveStates() { return Promise.resolve() }
  addHistory() { return Promise.resolve() }
  history() { return Promise.resolve([]) }
}
