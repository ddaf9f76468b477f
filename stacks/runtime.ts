// What each function is given: links (read through functions/aws/resources.ts, stored by SST in
// the encrypted resource file) and a few plain environment variables. Pure (runtime.test.ts).
// Secrets and the cluster list are links, never environment variables: Lambda caps all variables
// of a function at 4 KB together, which one CA certificate would fill.
import { linkedEnvironment, type LinkName } from "../functions/aws/resources";

export type FunctionRole = "api" | "sampler" | "indexer" | "reconciler";

/** What functions/core/config.ts needs in every function (it requires a token even where unused). */
const configLinks: LinkName[] = [
  "KafkaPlusToken",
  "KafkaPlusTokens",
  "KafkaPlusSessionSecret",
  "KafkaPlusClusterConfig",
  "KafkaPlusVictoriaLogs",
];

export const roleLinks: Record<FunctionRole, LinkName[]> = {
  // Plan store, the indexer's mappings (orchestrator), "sample now", audit records, single sign-on,
  // alert rules (and their test send).
  api: [...configLinks, "KafkaPlusPlanTable", "KafkaPlusIndexer", "Sampler", "KafkaPlusAuditKey", "KafkaPlusOidc", "KafkaPlusAlertsTable", "KafkaPlusAlertsTopic"],
  // Evaluates the alert rules after each sample: reads rules, keeps their state, publishes.
  sampler: [...configLinks, "KafkaPlusAlertsTable", "KafkaPlusAlertsTopic"],
  // Reads the plan (by version) to decide what to keep of each batch.
  indexer: [...configLinks, "KafkaPlusPlanTable"],
  // Converges the indexer's mappings to the plan and audits each change (the API's audit key).
  reconciler: [...configLinks, "KafkaPlusPlanTable", "KafkaPlusIndexer", "KafkaPlusAuditKey"],
};

/**
 * Live tail on Lambda ends each stream by then (with its resume token; the browser reconnects),
 * well inside the function timeout and Lambda's streaming limits (2 MB/s after the first 6 MB).
 */
export const lambdaTailMaxMs = 120_000;

/** Plain (non-secret) environment per function; everything else comes by link. */
export function functionEnvironment(role: FunctionRole): Record<string, string> {
  // The API sits behind one proxy (the Router's CloudFront): its X-Forwarded-Host/-For are believed.
  return role === "api" ? { KAFKA_PLUS_TAIL_MAX_MS: String(lambdaTailMaxMs), KAFKA_PLUS_TRUST_PROXY: "1" } : {};
}

/** Picks the role's links from those created, failing the deploy if one was not created. */
export function linksFor<T>(role: FunctionRole, available: Partial<Record<LinkName, T>>): T[] {
  return roleLinks[role].map((name) => {
    const link = available[name];
    if (link === undefined) throw new Error(`The ${role} function needs the "${name}" link, which was not created`);
    return link;
  });
}

/**
 * The variables SST itself adds to every function (see normalizeEnvironment in
 * .sst/platform/src/components/aws/function.ts): the app, the resource file's key and name.
 */
export function sstAddedEnvironment(app: string, stage: string): Record<string, string> {
  return {
    SST_RESOURCE_App: JSON.stringify({ name: app, stage }),
    SST_KEY: "A".repeat(44), // a base64 AES-256 key
    SST_KEY_FILE: "resource.enc",
  };
}

/** Lambda's measure: the keys and values of all variables, in bytes. */
export function environmentBytes(env: Record<string, string>): number {
  return Object.entries(env).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0);
}

/** The configuration keys that reach a function by link (so never by its environment). */
export function linkedKeys(role: FunctionRole): string[] {
  const links = new Set<string>(roleLinks[role]);
  return Object.entries(linkedEnvironment)
    .filter(([, { link }]) => links.has(link))
    .map(([key]) => key);
}
