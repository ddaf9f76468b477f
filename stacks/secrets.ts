import { stageConfig } from "./stage";

// Set per stage with `npx sst secret set <Name> <value> --stage <stage>`.
// Secrets without a placeholder are required: deploy stops with a clear message
// until they are set. Optional ones default to "" and are then left out of the
// function environment (the code treats a missing variable as "not configured",
// but would treat an empty KAFKA_PLUS_SESSION_SECRET as a real, empty key).
export function createSecrets() {
  return {
    token: new sst.Secret("KafkaPlusToken"), // admin bearer token, >= 32 random chars (16-31 accepted with a warning)
    tokens: new sst.Secret("KafkaPlusTokens", ""), // optional JSON [{name, role, token}]
    sessionSecret: new sst.Secret("KafkaPlusSessionSecret", ""), // optional; else derived from tokens
    // JSON array of clusters. A secret because it can hold SASL passwords. Note
    // Lambda caps all environment variables at 4 KB together, so keep CA certs short.
    clusters: new sst.Secret("KafkaPlusClusters"),
  };
}
export type Secrets = ReturnType<typeof createSecrets>;

// The environment both functions read (see functions/core/config.ts).
// VICTORIALOGS_URL is plain stage config, not a Secret: it is not sensitive, it
// belongs with the stage's network layout (stage.ts), and it shows up in diffs.
// It is deliberately not taken from the deployer's shell, where VICTORIALOGS_URL
// usually points at the local dev stack. (Move it to a Secret if it ever embeds credentials.)
export function runtimeEnvironment(secrets: Secrets, extra: Record<string, $util.Input<string>> = {}) {
  return $util
    .all({
      KAFKA_PLUS_TOKEN: secrets.token.value,
      KAFKA_PLUS_TOKENS: secrets.tokens.value,
      KAFKA_PLUS_SESSION_SECRET: secrets.sessionSecret.value,
      KAFKA_PLUS_CLUSTERS: secrets.clusters.value,
      VICTORIALOGS_URL: stageConfig().victoriaLogsUrl ?? "",
      ...extra,
    })
    .apply((env) => Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")));
}
