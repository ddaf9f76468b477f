// The one place the runtime reads what the stacks link to a function (SST `link` + `Resource`).
// Secrets and the cluster list travel in SST's encrypted resource file (resource.enc, key in
// SST_KEY), not in environment variables: Lambda caps those at 4 KB in total, and one CA
// certificate would fill them. This adapter turns the linked values back into the env-like map
// that functions/core/config.ts reads, so core stays free of SST and AWS.

export type Env = Record<string, string | undefined>

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
} as const satisfies Record<string, { link: string; property: string }>

export type LinkName = (typeof linkedEnvironment)[keyof typeof linkedEnvironment]['link']

/** Whether this process was started by SST with linked resources (a deployed function or `sst dev`). */
export function hasLinkedResources(env: Env): boolean {
  return Boolean(env.SST_KEY && env.SST_KEY_FILE) || Boolean(env.SST_RESOURCE_App)
}

/**
 * Pure: overlays the linked values on `base`. An empty string is an optional secret left unset
 * (SST secrets need a value, so optional ones default to ""), which must read as "not configured".
 */
export function envFromResources(resources: Readonly<Record<string, unknown>>, base: Env): Env {
  const env: Env = { ...base }
  for (const [key, { link, property }] of Object.entries(linkedEnvironment)) {
    const linked = resources[link]
    if (typeof linked !== 'object' || linked === null) continue
    const value = (linked as Record<string, unknown>)[property]
    if (typeof value === 'string' && value !== '') env[key] = value
  }
  return env
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
  for (const { link } of Object.values(linkedEnvironment)) {
    if (link in all) linked[link] = all[link]
  }
  return envFromResources(linked, base)
}
