import { runtimeEnvironment, type Secrets } from "./secrets";
import { mskPermissions, stageConfig } from "./stage";
import { nodejsBundle } from "./bundle";

// The built-in indexer for MSK: a function fed by MSK event source mappings (one per topic,
// as MSK mappings take one topic each). Lambda commits a batch's offsets only when the
// function succeeds, and the handler fails when VictoriaLogs did not take the batch, so
// indexing is at-least-once. Mappings are declared only for stages configured here.
export interface IndexerStageConfig {
  /** The MSK cluster to read; defaults to the first of the stage's mskClusterArns. */
  mskClusterArn?: string;
  /** Topics to index; the plan's rates and keep rules come from `plan`. */
  topics: string[];
  /** JSON of the cluster's indexing plan (see functions/core/indexing/plan.ts): the read-only store on AWS. */
  plan?: string;
  /** Which configured Kafka Plus cluster the mapping reads (needed with several clusters). */
  clusterId?: string;
}

const indexerStages: Record<string, IndexerStageConfig> = {
  // production: {
  //   topics: ["orders", "payments"],
  //   plan: JSON.stringify({ cluster: "prod", topics: [{ topic: "orders", enabled: true, sampleRate: 0.1, keep: ["ERROR"],
  //     maxValueBytes: 32768, extractFields: 20, updatedAt: "2026-01-01T00:00:00Z", updatedBy: "ops" }] }),
  // },
};

export function createIndexer(secrets: Secrets) {
  const settings = indexerStages[$app.stage];
  const indexer = new sst.aws.Function("Indexer", {
    handler: "functions/indexer/lambda.handler",
    runtime: "nodejs22.x",
    nodejs: nodejsBundle,
    architecture: "arm64",
    memory: "1024 MB",
    timeout: "2 minutes",
    environment: runtimeEnvironment(secrets, {
      KAFKA_PLUS_INDEXING_PLAN: settings?.plan ?? "",
      KAFKA_PLUS_INDEXER_CLUSTER: settings?.clusterId ?? "",
    }),
    vpc: stageConfig().vpc,
    permissions: mskPermissions(),
  });

  const clusterArn = settings?.mskClusterArn ?? stageConfig().mskClusterArns?.[0];
  if (settings && clusterArn) {
    for (const topic of settings.topics) {
      new aws.lambda.EventSourceMapping(`IndexerSource${topic.replace(/[^A-Za-z0-9]/g, "")}`, {
        functionName: indexer.name,
        eventSourceArn: clusterArn,
        topics: [topic],
        startingPosition: "TRIM_HORIZON",
        batchSize: 1000,
        maximumBatchingWindowInSeconds: 1,
        amazonManagedKafkaEventSourceConfig: { consumerGroupId: `kafka-plus-indexer-${settings.clusterId ?? "msk"}` },
      });
    }
  }
  return indexer;
}
