// The cluster list the functions read (KAFKA_PLUS_CLUSTERS, linked as KafkaPlusClusterConfig):
// the KafkaPlusClusters secret (brokers, TLS, SASL: possibly CA certificates and passwords) with
// each cluster's `mskClusterArn` merged in from the stage settings. One source per fact: the ARN
// lives in stacks/stage.ts, where IAM is scoped by it, and reaches the runtime from there.
// Pure, run at deploy time on the secret's value (clusters.test.ts).
import type { ResolvedStage } from "./stage";

export class ClusterConfigError extends Error {
  constructor(stage: string, problems: string[]) {
    super(
      `Stage "${stage}": the KafkaPlusClusters secret and stacks/stage.ts disagree:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ClusterConfigError";
  }
}

type ClusterJson = Record<string, unknown> & { id: string; mskClusterArn?: unknown };

function parseClusters(secretJson: string, stage: string): ClusterJson[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretJson);
  } catch {
    // Never echo the parser's message: it quotes part of the secret.
    throw new ClusterConfigError(stage, ["the KafkaPlusClusters secret is not valid JSON (a JSON array of clusters)"]);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new ClusterConfigError(stage, ["the KafkaPlusClusters secret must be a non-empty JSON array of clusters"]);
  }
  return parsed.map((cluster: unknown, index) => {
    if (typeof cluster !== "object" || cluster === null || typeof (cluster as { id?: unknown }).id !== "string") {
      throw new ClusterConfigError(stage, [`cluster #${index + 1} of the KafkaPlusClusters secret has no string "id"`]);
    }
    return cluster as ClusterJson;
  });
}

/** The secret's clusters with `mskClusterArn` set from the stage, or a ClusterConfigError. */
export function clusterConfigJson(secretJson: string, stage: ResolvedStage): string {
  const clusters = parseClusters(secretJson, stage.name);
  const declared = stage.settings.clusters ?? {};
  const problems: string[] = [];
  const merged = clusters.map((cluster) => {
    const fromStage = declared[cluster.id]?.mskClusterArn;
    const inSecret = typeof cluster.mskClusterArn === "string" ? cluster.mskClusterArn : undefined;
    if (fromStage && inSecret && fromStage !== inSecret) {
      problems.push(`cluster "${cluster.id}": the secret's mskClusterArn differs from clusters.${cluster.id}.mskClusterArn in stacks/stage.ts (drop it from the secret)`);
    } else if (!fromStage && inSecret) {
      problems.push(`cluster "${cluster.id}" has an mskClusterArn but no clusters.${cluster.id} in stacks/stage.ts, so IAM would not cover it: declare it there`);
    } else if (!fromStage && !stage.personal) {
      problems.push(`cluster "${cluster.id}" has no clusters.${cluster.id}.mskClusterArn in stacks/stage.ts`);
    }
    return fromStage ? { ...cluster, mskClusterArn: fromStage } : cluster;
  });
  const ids = new Set(clusters.map((c) => c.id));
  for (const id of Object.keys(declared)) {
    if (!ids.has(id)) problems.push(`clusters.${id} is declared in stacks/stage.ts but the secret has no cluster "${id}"`);
  }
  if (problems.length > 0) throw new ClusterConfigError(stage.name, problems);
  return JSON.stringify(merged);
}
