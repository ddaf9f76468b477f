// Builds the app's dependencies from the environment; shared by the Lambda and local entry points.
import { loadConfig, type AppConfig } from '../core/config.ts'
import { KafkaClusters, type OAuthTokenProvider } from '../core/kafka/index.ts'
import { VictoriaLogsClient } from '../core/logs/victorialogs.ts'
import { FailureThrottle } from '../core/auth/throttle.ts'
import type { AppDeps } from './deps.ts'

export interface RuntimeOptions {
  oauthTokenProvider?: OAuthTokenProvider
  logError?: (error: unknown) => void
  sampleNow?: AppDeps['sampleNow']
}

export function createDeps(config: AppConfig, options: RuntimeOptions = {}): AppDeps & { close(): Promise<void> } {
  const kafka = new KafkaClusters(config.clusters, options.oauthTokenProvider ? { oauthTokenProvider: options.oauthTokenProvider } : {})
  const logs = new VictoriaLogsClient(config.victoriaLogsUrl)
  return {
    config,
    kafka,
    logs,
    loginThrottle: new FailureThrottle(),
    logError: options.logError ?? ((error: unknown) => console.error(error)),
    ...(options.sampleNow ? { sampleNow: options.sampleNow } : {}),
    async close() {
      await Promise.all([kafka.close(), logs.close()])
    },
  }
}

export function createDepsFromEnv(env: Record<string, string | undefined>, options: RuntimeOptions = {}) {
  const config = loadConfig(env)
  for (const warning of config.warnings) console.warn(`[config] ${warning}`)
  return createDeps(config, options)
}
