// What the HTTP app needs from the outside world; entry points build it from the configuration
// (runtime.ts), tests build it too. Nothing the routes use comes from anywhere else.
import type { AppConfig } from '../core/config.ts'
import type { PlanStore } from '../core/indexing/plan-store.ts'
import type { IndexingOrchestrator } from '../core/indexing/orchestrator.ts'
import type { KafkaClusters } from '../core/kafka/index.ts'
import type { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import type { OidcClient } from '../core/auth/oidc/client.ts'
import type { Principal } from '../core/auth/roles.ts'
import type { SessionStore } from '../core/auth/sessions.ts'
import type { FailureThrottle } from '../core/auth/throttle.ts'
import type { SampleNow } from '../core/storage/sampler.ts'
import type { AuditChain } from '../core/audit.ts'
import type { ChangeAttempt } from './audit.ts'
import type { SchemaRegistries } from '../core/schemas/registries.ts'
import type { TailHub } from '../core/messages/tail.ts'
import type { AlertServices } from '../core/alerts/evaluate.ts'

export interface AppDeps {
  config: AppConfig
  kafka: KafkaClusters
  logs: VictoriaLogsClient
  /** Where indexing plans are kept (config.indexing.planStore chooses which). */
  planStore: PlanStore
  /** On AWS: each indexed topic's MSK event source mapping (unset where indexing runs in-process). */
  indexingOrchestrator?: IndexingOrchestrator | undefined
  /** "Sample now": invokes the sampler Lambda on AWS, or samples in this process. */
  sampleNow: SampleNow
  /** The clusters' schema registries (decoding in browse, tail and the indexer; the schema browser). */
  schemas: SchemaRegistries
  /** Failed sign-ins per client address and overall; per process (per Lambda instance). */
  loginThrottle: FailureThrottle
  /** UI sessions, shared by every API instance (config.sessions chooses where). */
  sessions: SessionStore
  /** Single sign-on with the organisation's OpenID provider; unset when none is configured. */
  oidc?: OidcClient | undefined
  /** Live tails: one shared fetch loop per tailed topic in this app. */
  tails: TailHub
  /** Where unexpected (5xx) errors are reported. */
  logError?: (error: unknown) => void
  /** This instance's audit hash chains (one writer per instance). */
  auditChain: AuditChain
  /** Alert rules, state and history (config.alerts.store), and delivery to webhooks and SNS. */
  alerts: AlertServices & { snsAvailable: boolean }
}

export interface AppEnv {
  Variables: {
    principal: Principal
    deps: AppDeps
    /** On change routes (audited()): the attempt being recorded. */
    audit: ChangeAttempt
  }
}
