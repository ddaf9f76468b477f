// What the HTTP app needs from the outside world; entry points build it, tests build it too.
import type { AppConfig } from '../core/config.ts'
import type { KafkaClusters } from '../core/kafka/index.ts'
import type { VictoriaLogsClient } from '../core/logs/victorialogs.ts'
import type { Principal } from '../core/auth/roles.ts'
import type { FailureThrottle } from '../core/auth/throttle.ts'
import type { SampleNow } from '../core/storage/sampler.ts'

export interface AppDeps {
  config: AppConfig
  kafka: KafkaClusters
  logs: VictoriaLogsClient
  /** Failed sign-ins per client address and overall; per process (per Lambda instance). */
  loginThrottle: FailureThrottle
  /** Where unexpected (5xx) errors are reported. */
  logError?: (error: unknown) => void
  /** "Sample now": invokes the sampler Lambda on AWS; without it the sample runs in this process. */
  sampleNow?: SampleNow
}

export interface AppEnv {
  Variables: {
    principal: Principal
    deps: AppDeps
  }
}
