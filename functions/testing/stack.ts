// Helpers for tests that run against the real local stack (provided by scripts/test/global-setup.mjs).
import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'
import { loadConfig, type AppConfig } from '../core/config.ts'
import { createDeps, type RuntimeOptions } from '../api/runtime.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string
    victoriaLogsUrl: string
    /** moto's server: a local AWS API (DynamoDB) for the plan table. */
    awsEndpointUrl: string
    /** The Confluent-compatible schema registry API (the local Apicurio's /apis/ccompat/v7); empty when off. */
    schemaRegistryUrl: string
  }
}

export const adminToken = 'test-admin-token-0123456789-abcdefghij'
export const operatorToken = 'test-operator-token-0123456789-abcdefghij'
export const viewerToken = 'test-viewer-token-0123456789-abcdefghij'

export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    KAFKA_BROKERS: inject('kafkaBrokers'),
    VICTORIALOGS_URL: inject('victoriaLogsUrl'),
    KAFKA_PLUS_TOKEN: adminToken,
    KAFKA_PLUS_TOKENS: JSON.stringify([
      { name: 'olive', role: 'operator', token: operatorToken },
      { name: 'vera', role: 'viewer', token: viewerToken },
    ]),
    ...extra,
  }
}

export function testConfig(extra: Record<string, string> = {}): AppConfig {
  return loadConfig(testEnv(extra))
}

/** Real dependencies on the local stack; close() them in afterAll. `options`: e.g. the Lambda fake. */
export function testDeps(extra: Record<string, string> = {}, options: RuntimeOptions = {}) {
  return createDeps(testConfig(extra), { logError: () => {}, ...options })
}

/** Unique per test run, so parallel and repeated runs never share a topic. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
