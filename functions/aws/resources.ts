// The one place the runtime reads what the stacks link to a function (SST `link` + `Resource`).
// Secrets and the cluster list travel in SST's encrypted resource file (resource.enc, key in
// SST_KEY), not in environment variables: Lambda caps those at 4 KB in total, and one CA
// certificate would fill them. This adapter turns the linked values back into the env-like map
// that functions/core/config.ts reads, so core stays free of SST and AWS.
import { configError } from '../core/errors.ts'

export type Env = Record<string, string | undefined>

/**
 * A linked property that becomes one configuration key. With `field`, the property is a JSON object
 * holding several settings (one secret instead of many) and this key is that field: a string, or
 * `as: 'json'` an object written back as JSON text, or `as: 'words'` a list joined by spaces.
 */
type LinkedSetting = { link: string; property: string; field?: string; as?: 'json' | 'words' }

/**
 * Which linked resource property becomes which configuration key. The stacks declare exactly
 * these link names (stacks/links.ts imports this table), so the two cannot drift apart.
 */
export const linkedEnvironment = {
  KAFKA_PLUS_TOKEN: { link: 'KafkaPlusToken', property: 'value' },
  KAFKA_PLUS_TOKENS: { link: 'KafkaPlusTokens', property: 'value' },
  KAFKA_PLUS_SESSION_SECRET: { link: 'KafkaPlusSessionSecret', property: 'value' },
  /** JSON array of clusters, each with its `mskClusterArn` merged in from the stage settings. */
  KAFKA_PLUS_CLUSTERS: { link: 'KafkaPlusClusterConfig', property: 'json' },
  VICTORIALOGS_URL: { link: 'KafkaPlusVictoriaLogs', property: 'url' },
  KAFKA_PLUS_PLAN_TABLE: { link: 'KafkaPlusPlanTable', property: 'name' },
  KAFKA_PLUS_INDEXER_FUNCTION: { link: 'KafkaPlusIndexer', property: 'name' },
  SAMPLER_FUNCTION_NAME: { link: 'Sampler', property: 'name' },
  KAFKA_PLUS_AUDIT_KEY: { link: 'KafkaPlusAuditKey', property: 'value' },
  // Alerts: the stack's SNS topic (publish only) and the table of rules, dedupe state and history.
  KAFKA_PLUS_ALERTS_SNS_TOPIC_ARN: { link: 'KafkaPlusAlertsTopic', property: 'arn' },
  KAFKA_PLUS_ALERTS_TABLE: { link: 'KafkaPlusAlertsTable', property: 'name' },
  // Single sign-on: one optional secret, JSON { issuer, clientId, clientSecret?, roles, redirectUrl?, scopes?, claim?, name? }.
  KAFKA_PLUS_OIDC_ISSUER: { link: 'KafkaPlusOidc', property: 'value', field: 'issuer' },
  KAFKA_PLUS_OIDC_CLIENT_ID: { link: 'KafkaPlusOidc', property: 'value', field: 'clientId' },
  KAFKA_PLUS_OIDC_CLIENT_SECRET: { link: 'KafkaPlusOidc', property: 'value', field: 'clientSecret' },
  KAFKA_PLUS_OIDC_ROLES: { link: 'KafkaPlusOidc', property: 'value', field: 'roles', as: 'json' },
  KAFKA_PLUS_OIDC_REDIRECT_URL: { link: 'KafkaPlusOidc', property: 'value', field: 'redirectUrl' },
  KAFKA_PLUS_OIDC_SCOPES: { link: 'KafkaPlusOidc', property: 'value', field: 'scopes', as: 'words' },
  KAFKA_PLUS_OIDC_ROLES_CLAIM: { link: 'KafkaPlusOidc', property: 'value', field: 'claim' },
  KAFKA_PLUS_OIDC_NAME: { link: 'KafkaPlusOidc', property: 'value', field: 'name' },
} as const satisfies Record<string, LinkedSetting>

const settings: [string, LinkedSetting][] = Object.entries(linkedEnvironment)

export type LinkName = (typeof linkedEnvironment)[keyof typeof linkedEnvironment]['link']

/** Whether this process was started by SST with linked resources (a deployed function or `sst dev`). */
export function hasLinkedResources(env: Env): boolean {
  return Boolean(env.SST_KEY && env.SST_KEY_FILE) || Boolean(env.SST_RESOURCE_App)
}

/**
 * Pure: overlays the linked values on `base`. An empty string is an optional secret left unset
 * (SST secrets need a value, so optional ones default to ""), which must read as "not configured".
 * A JSON-valued link that does not hold the object it should is a configuration error.
 */
export function envFromResources(resources: Readonly<Record<string, unknown>>, base: Env): Env {
  const env: Env = { ...base }
  const objects = new Map<string, Record<string, unknown>>()
  for (const [key, { link, property, field, as }] of settings) {
    const linked = resources[link]
    if (typeof linked !== 'object' || linked === null) continue
    const value = (linked as Record<string, unknown>)[property]
    if (typeof value !== 'string' || value === '') continue
    if (field === undefined) {
      env[key] = value
      continue
    }
    let object = objects.get(link)
    if (!object) objects.set(link, object = linkedObject(link, value))
    const text = fieldText(link, field, as, object[field])
    if (text !== undefined) env[key] = text
  }
  return env
}

/** The JSON object a JSON-valued link holds, with no field this adapter would ignore (a typo). */
function linkedObject(link: string, json: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    throw configError(`The ${link} secret is not valid JSON.`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw configError(`The ${link} secret must be a JSON object.`)
  const known = settings.filter(([, s]) => s.link === link).map(([, s]) => s.field)
  const unknown = Object.keys(parsed).filter((name) => !known.includes(name))
  if (unknown.length > 0) throw configError(`The ${link} secret has unknown fields (${unknown.join(', ')}); known: ${known.join(', ')}.`)
  return parsed as Record<string, unknown>
}

/** A field as the configuration key's text; undefined (or "") means not set. Never echoes the value. */
function fieldText(link: string, field: string, as: LinkedSetting['as'], value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string') return value
  if (as === 'json' && typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value)
  if (as === 'words' && Array.isArray(value) && value.every((word) => typeof word === 'string')) return value.join(' ')
  const expected = as === 'json' ? 'a JSON object' : as === 'words' ? 'a list of strings or one string' : 'a string'
  throw configError(`The ${link} secret's "${field}" must be ${expected}.`)
}

/**
 * The configuration environment of this process: `base` (process.env by default) with the linked
 * resources on top when running under SST. Outside SST (local mode, tests) it is `base` unchanged
 * and the SST SDK is never loaded.
 */
export async function runtimeEnv(base: Env = process.env): Promise<Env> {
  if (!hasLinkedResources(base)) return { ...base }
  const { Resource } = await import('sst/resource')
  // Resource is a proxy that throws for names this function is not linked to, so ask first.
  const all = Resource as unknown as Record<string, unknown>
  const linked: Record<string, unknown> = {}
  for (const [, { link }] of settings) {
    if (link in all && !(link in linked)) linked[link] = all[link]
  }
  return envFromResources(linked, base)
}
