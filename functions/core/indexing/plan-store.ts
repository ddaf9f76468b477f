// Where indexing plans live, behind one interface chosen by configuration (config.indexing.planStore).
// Local mode: one JSON file per cluster under KAFKA_PLUS_HOME, written atomically (temp file +
// rename) so the local indexer never reads half a plan. On AWS a function has no shared disk: the
// plan lives in a DynamoDB table (functions/aws/dynamo-plan-store.ts, behind this interface), or
// comes from the stage (read-only, see KAFKA_PLUS_INDEXING_PLAN); with neither, nothing is writable.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { PlanStoreConfig } from '../config.ts'
import { AppError, configError } from '../errors.ts'
import { emptyPlan, storedPlanSchema, type IndexingPlan, type TopicPlan } from './plan.ts'

export interface VersionedPlan {
  plan: IndexingPlan
  /** The version the plan was read at: a write conditioned on it fails if someone changed the plan since. */
  version: string
}

export interface PlanStore {
  /** Whether setTopic() works here (the UI hides the editor when it does not). */
  readonly writable: boolean
  load(cluster: string): Promise<IndexingPlan>
  read(cluster: string): Promise<VersionedPlan>
  /**
   * Puts one topic's settings (null: removes the topic) provided the plan is still at
   * `expectedVersion`; otherwise PLAN_CONFLICT (409), and nothing is written.
   */
  setTopic(cluster: string, topic: string, settings: TopicPlan | null, expectedVersion: string): Promise<void>
  /** Something that changes whenever the stored plan does (cheap to poll). */
  version(cluster: string): Promise<string>
}

export const planConflict = (cluster: string) => new AppError('PLAN_CONFLICT',
  `The indexing plan of cluster '${cluster}' was changed by someone else meanwhile; reload it and try again.`, { status: 409, retryable: true })

export const planStoreNotConfigured = () => new AppError('PLAN_STORE_NOT_CONFIGURED',
  'This deployment has no store for indexing plans: set KAFKA_PLUS_PLAN_TABLE (the DynamoDB plan table the stack declares).', { status: 503 })

/** The plan with one topic replaced (or removed), topics kept in name order. */
export function withTopic(plan: IndexingPlan, topic: string, settings: TopicPlan | null): IndexingPlan {
  const topics = plan.topics.filter((t) => t.topic !== topic)
  if (settings) topics.push(settings)
  return { cluster: plan.cluster, topics: topics.sort((a, b) => a.topic.localeCompare(b.topic)) }
}

export function parseStoredPlan(raw: unknown, where: string, cluster: string): IndexingPlan {
  const result = storedPlanSchema.safeParse(raw)
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
    throw configError(`The indexing plan ${where} is invalid: ${detail}`)
  }
  return { cluster, topics: result.data.topics }
}

function parseStored(text: string, where: string, cluster: string): IndexingPlan {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error: unknown) {
    throw configError(`The indexing plan ${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  return parseStoredPlan(raw, where, cluster)
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'

export class FilePlanStore implements PlanStore {
  readonly writable = true
  readonly dir: string

  constructor(home: string) {
    this.dir = join(resolve(home), 'indexing')
  }

  #file(cluster: string) {
    return join(this.dir, `${cluster}.json`)
  }

  async load(cluster: string): Promise<IndexingPlan> {
    const file = this.#file(cluster)
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error: unknown) {
      if (isMissing(error)) return emptyPlan(cluster)
      throw error
    }
    return parseStored(text, file, cluster)
  }

  async read(cluster: string): Promise<VersionedPlan> {
    const version = await this.version(cluster)
    return { plan: await this.load(cluster), version }
  }

  async setTopic(cluster: string, topic: string, settings: TopicPlan | null, expectedVersion: string): Promise<void> {
    // One process writes these files (local mode), so check-then-write is enough here; the
    // DynamoDB store makes the same check atomic.
    const { plan, version } = await this.read(cluster)
    if (version !== expectedVersion) throw planConflict(cluster)
    await this.save(withTopic(plan, topic, settings))
  }

  async save(plan: IndexingPlan): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const file = this.#file(plan.cluster)
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`
    await writeFile(temp, `${JSON.stringify(plan, null, 2)}\n`)
    await rename(temp, file)
  }

  async version(cluster: string): Promise<string> {
    try {
      const s = await stat(this.#file(cluster))
      return `${s.mtimeMs}:${s.size}`
    } catch (error: unknown) {
      if (isMissing(error)) return 'none'
      throw error
    }
  }
}

/** A plan fixed by deployment (JSON of one plan or an array of plans): read-only. */
export class StaticPlanStore implements PlanStore {
  readonly writable = false
  readonly #plans: Map<string, IndexingPlan>

  constructor(json: string) {
    let raw: unknown
    try {
      raw = JSON.parse(json)
    } catch (error: unknown) {
      throw configError(`KAFKA_PLUS_INDEXING_PLAN is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
    }
    const list = Array.isArray(raw) ? raw : [raw]
    this.#plans = new Map(list.map((item, i) => {
      const cluster = (item as { cluster?: unknown } | null)?.cluster
      if (typeof cluster !== 'string') throw configError(`KAFKA_PLUS_INDEXING_PLAN[${i}] has no cluster id.`)
      return [cluster, parseStored(JSON.stringify(item), `KAFKA_PLUS_INDEXING_PLAN[${i}]`, cluster)]
    }))
  }

  async load(cluster: string): Promise<IndexingPlan> {
    return this.#plans.get(cluster) ?? emptyPlan(cluster)
  }

  async read(cluster: string): Promise<VersionedPlan> {
    return { plan: await this.load(cluster), version: 'static' }
  }

  async setTopic(): Promise<void> {
    throw new AppError('PLAN_READ_ONLY', 'The indexing plan is fixed by this deployment (KAFKA_PLUS_INDEXING_PLAN); change it there.', { status: 409 })
  }

  async version(): Promise<string> {
    return 'static'
  }
}

/** A Lambda deployment without a plan table: every plan is empty, and a change is refused with 503. */
export class UnconfiguredPlanStore implements PlanStore {
  readonly writable = false

  async load(cluster: string): Promise<IndexingPlan> {
    return emptyPlan(cluster)
  }

  async read(cluster: string): Promise<VersionedPlan> {
    return { plan: emptyPlan(cluster), version: 'none' }
  }

  async setTopic(): Promise<void> {
    throw planStoreNotConfigured()
  }

  async version(): Promise<string> {
    return 'none'
  }
}

/** Stores that need an SDK core does not import (the entry points pass them in). */
export interface PlanStoreAdapters {
  dynamodb?: (table: string) => PlanStore
}

/** The store the configuration names; the entry points build one and pass it in the deps. */
export function createPlanStore(config: PlanStoreConfig, adapters: PlanStoreAdapters = {}): PlanStore {
  switch (config.kind) {
    case 'static': return new StaticPlanStore(config.plans)
    case 'file': return new FilePlanStore(config.home)
    case 'none': return new UnconfiguredPlanStore()
    case 'dynamodb':
      if (!adapters.dynamodb) throw configError('KAFKA_PLUS_PLAN_TABLE is set, but this entry point has no DynamoDB plan store.')
      return adapters.dynamodb(config.table)
  }
}
