// Builds the app's dependencies from the configuration; shared by every entry point (API and
// sampler Lambdas, the indexer Lambda, local mode) and by the tests.
import { AuditChain } from '../core/audit.ts'
import type { AppConfig } from '../core/config.ts'
import { createPlanStore } from '../core/indexing/plan-store.ts'
import { DynamoPlanStore, type DynamoSender } from '../aws/dynamo-plan-store.ts'
import { MskMappings, type LambdaMappingClient } from '../aws/msk-mappings.ts'
import { KafkaClusters, type OAuthTokenProvider } from '../core/kafka/index.ts'
import { TailHub } from '../core/messages/tail.ts'
import { inProcessSampleNow } from '../core/storage/sampler.ts'
import { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import { FailureThrottle } from '../core/auth/throttle.ts'
import { OidcClient } from '../core/auth/oidc/client.ts'
import { CachedSessionStore, InMemorySessionStore, type SessionStore } from '../core/auth/sessions.ts'
import { DynamoSessionStore, type DynamoSender as SessionsDynamoSender } from '../aws/dynamo-session-store.ts'
import type { GlueApiFactory } from '../core/schemas/glue.ts'
import { SchemaRegistries } from '../core/schemas/registries.ts'
import type { AppDeps } from './deps.ts'
import type { AlertStore } from '../core/alerts/store.ts'
import type { SnsSender } from '../aws/sns-alert-topic.ts'
import { createAlertRuntime } from './alerts-runtime.ts'

export interface RuntimeOptions {
  oauthTokenProvider?: OAuthTokenProvider
  logError?: (error: unknown) => void
  /** "Sample now" elsewhere (the sampler Lambda on AWS); by default it runs in this process. */
  sampleNow?: AppDeps['sampleNow']
  /** Stand-ins for the AWS clients (tests); by default the SDK's, made on first use. */
  dynamoClient?: DynamoSender & SessionsDynamoSender
  lambdaClient?: LambdaMappingClient
  /** How clusters with an AWS Glue schema registry reach it (functions/aws/glue-schemas.ts). */
  glueSchemaApi?: GlueApiFactory
  /** Sessions elsewhere than config.sessions says (tests share one store between app instances). */
  sessions?: SessionStore
  /** Stand-in for the SNS client (tests); by default the SDK's, made on the first publish. */
  snsClient?: SnsSender
  /** Alert rules and state elsewhere than config.alerts.store says (tests share one store). */
  alertStore?: AlertStore
}

/** In this process for local mode; on AWS the plan table, read through a short cache (config.sessions.cacheMs). */
function createSessionStore(config: AppConfig, dynamoClient?: SessionsDynamoSender): SessionStore {
  const { store, cacheMs } = config.sessions
  if (store.kind === 'memory') return new InMemorySessionStore()
  return new CachedSessionStore(new DynamoSessionStore(store.table, dynamoClient), { maxStalenessMs: cacheMs })
}

export type RuntimeDeps = AppDeps & { close(): Promise<void> }

export function createDeps(config: AppConfig, options: RuntimeOptions = {}): RuntimeDeps {
  // Every entry point builds its deps here, so configuration warnings are printed once, here.
  for (const warning of config.warnings) console.warn(`[config] ${warning}`)
  // First: a plan that does not parse is a configuration error, before any connection exists.
  const planStore = createPlanStore(config.indexing.planStore, { dynamodb: (table) => new DynamoPlanStore(table, options.dynamoClient) })
  const { indexerFunction } = config.indexing
  const indexingOrchestrator = indexerFunction ? new MskMappings(indexerFunction, options.lambdaClient) : undefined
  const kafka = new KafkaClusters(config.clusters, options.oauthTokenProvider ? { oauthTokenProvider: options.oauthTokenProvider } : {})
  const logs = new VictoriaLogsClient(config.victoriaLogsUrl)
  const schemas = new SchemaRegistries(config.clusters, options.glueSchemaApi ? { glue: options.glueSchemaApi } : {})
  const tails = new TailHub()
  // In this process, one sampler for the whole app: a second "sample now" joins the running one.
  const sampleNow = options.sampleNow ?? inProcessSampleNow(kafka, logs, (run) => {
    if (!run.ok) console.error(`[sampler] ${run.cluster}: ${run.error}`)
  })
  const { close: closeAlerts, ...alerts } = createAlertRuntime(config, options)
  return {
    config,
    kafka,
    logs,
    planStore,
    indexingOrchestrator,
    sampleNow,
    schemas,
    loginThrottle: new FailureThrottle(),
    sessions: options.sessions ?? createSessionStore(config, options.dynamoClient),
    oidc: config.oidc ? new OidcClient(config.oidc) : undefined,
    tails,
    logError: options.logError ?? ((error: unknown) => console.error(error)),
    auditChain: new AuditChain(config.auditKey),
    alerts,
    async close() {
      tails.close()
      await Promise.all([kafka.close(), logs.close(), schemas.close(), closeAlerts()])
    },
  }
}
