// What the HTTP app needs from the outside world; entry points build it from the configuration
// (runtime.ts), tests build it too. Nothing the routes use comes from anywhere else.
import type { AppConfig } from '../core/config.ts'
import type { PlanStore } from '../core/indexing/plan-store.ts'
import type { KafkaClusters } from '../core/kafka/index.ts'
import type { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import type { Principal } from '../core/auth/roles.ts'
import type { SampleNow } from '../core/storage/sampler.ts'
import type { TailHub } from '../core/messages/tail.ts'

export interface AppDeps {
  config: AppConfig
  kafka: KafkaClusters
  logs: VictoriaLogsClient
  /** Where indexing plans are kept (config.indexing.planStore chooses which). */
  planStore: PlanStore
  /** "Sample now": invokes the sampler Lambda on AWS, or samples in this process. */
  sampleNow: SampleNow
  /** Live tails: one shared fetch loop per tailed topic in this app. */
  tails: TailHub
  /** Where unexpected (5xx) errors are reported. */
  logError?: (error: unknown) => void
}

export interface AppEnv {
  Variables: {
    principal: Principal
    deps: AppDeps
  }
}
