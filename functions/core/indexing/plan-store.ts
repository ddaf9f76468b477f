// Where indexing plans live, behind one interface chosen by configuration (config.indexing.planStore).
// Local mode: one JSON file per cluster under KAFKA_PLUS_HOME, written atomically (temp file +
// rename) so the local indexer never reads half a plan. On AWS a function has no shared disk: the
// plan comes from the stage (read-only, see KAFKA_PLUS_INDEXING_PLAN), or from a store the stacks
// provide behind the same interface.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { PlanStoreConfig } from '../config.ts'
import { AppError, configError } from '../errors.ts'
import { emptyPlan, storedPlanSchema, type IndexingPlan } from './plan.ts'

export interface PlanStore {
  /** Whether save() works here (the UI hides the editor when it does not). */
  readonly writable: boolean
  load(cluster: string): Promise<IndexingPlan>
  save(plan: IndexingPlan): Promise<void>
  /** Something that changes whenever the stored plan does (cheap to poll). */
  version(cluster: string): Promise<string>
}

function parseStored(text: string, where: string, cluster: string): IndexingPlan {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error: unknown) {
    throw configError(`The indexing plan ${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  const result = storedPlanSchema.safeParse(raw)
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
    throw configError(`The indexing plan ${where} is invalid: ${detail}`)
  }
  return { cluster, topics: result.data.topics }
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

  async save(): Promise<void> {
    throw new AppError('PLAN_READ_ONLY', 'The indexing plan is fixed by this deployment (KAFKA_PLUS_INDEXING_PLAN); change it there.', { status: 409 })
  }

  async version(): Promise<string> {
    return 'static'
  }
}

/** The store the configuration names; the entry points build one and pass it in the deps. */
export function createPlanStore(config: PlanStoreConfig): PlanStore {
  switch (config.kind) {
    case 'static': return new StaticPlanStore(config.plans)
    case 'file': return new FilePlanStore(config.home)
  }
}
