import { clusterConfigJson } from "./clusters";
import type { ResolvedStage } from "./stage";

// Set per stage: `npx sst secret set <Name> <value> --stage <stage>`. Secrets without a placeholder
// are required: deploy stops with a clear message until they are set. Optional ones default to ""
// which the runtime reads as "not configured" (functions/aws/resources.ts).
// All of them reach the functions by link (SST's encrypted resource file), never as environment
// variables, which Lambda caps at 4 KB together.
export function createSecrets(stage: ResolvedStage) {
  const token = new sst.Secret("KafkaPlusToken"); // admin bearer token, >= 16 chars
  const tokens = new sst.Secret("KafkaPlusTokens", ""); // optional JSON [{name, role, token}]
  const sessionSecret = new sst.Secret("KafkaPlusSessionSecret", ""); // optional; else derived from tokens
  // Optional; else derived from the session secret, and rotating that makes older audit records read as forged.
  const auditKey = new sst.Secret("KafkaPlusAuditKey", ""); // >= 32 chars
  // Optional single sign-on, one JSON object (it holds the client secret), expanded into the
  // KAFKA_PLUS_OIDC_* settings by functions/aws/resources.ts:
  // { issuer, clientId, clientSecret?, roles, redirectUrl?, scopes?, claim?, name? }
  const oidc = new sst.Secret("KafkaPlusOidc", "");
  // JSON array of clusters; a secret because it can hold SASL passwords and CA certificates.
  const clusters = new sst.Secret("KafkaPlusClusters");
  // What the functions read: the secret with each cluster's mskClusterArn from stacks/stage.ts.
  // Checked at deploy time; a mismatch stops the deploy (stacks/clusters.ts).
  const clusterConfig = new sst.Linkable("KafkaPlusClusterConfig", {
    properties: { json: clusters.value.apply((json) => clusterConfigJson(json, stage)) },
  });
  return {
    KafkaPlusToken: token,
    KafkaPlusTokens: tokens,
    KafkaPlusSessionSecret: sessionSecret,
    KafkaPlusAuditKey: auditKey,
    KafkaPlusOidc: oidc,
    KafkaPlusClusterConfig: clusterConfig,
  };
}
