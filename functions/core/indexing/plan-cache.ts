// The MSK indexer's plan, kept between batches while its version stays the same: each batch costs
// one cheap version read (a GetItem on DynamoDB), the whole plan is read only after a change.
import { CompiledPlan } from './batch.ts'
import type { PlanStore } from './plan-store.ts'

export class PlanCache {
  readonly #store: PlanStore
  readonly #cached = new Map<string, { version: string; plan: CompiledPlan }>()

  constructor(store: PlanStore) {
    this.#store = store
  }

  async get(cluster: string): Promise<CompiledPlan> {
    const version = await this.#store.version(cluster)
    const cached = this.#cached.get(cluster)
    if (cached?.version === version) return cached.plan
    // The version read with the plan, not the one above: a change in between is seen next time.
    const read = await this.#store.read(cluster)
    const plan = new CompiledPlan(read.plan)
    this.#cached.set(cluster, { version: read.version, plan })
    return plan
  }
}
