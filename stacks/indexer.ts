import { eventSourceMappingArns, indexerMappingPermissions, mskExecutionRolePolicyArn } from "./iam";
import { kafkaPlusFunction, type Wiring } from "./functions";

// The built-in indexer for MSK: one function fed by event source mappings that the API creates on
// demand (one per topic, each with its own consumer group; functions/indexer), so the stack
// declares none. Lambda commits a batch's offsets only when the function succeeds, and the
// handler fails when VictoriaLogs did not take the batch: indexing is at-least-once.
export function createIndexer(wiring: Wiring) {
  const partition = aws.getPartitionOutput({}).partition;
  const indexer = kafkaPlusFunction("Indexer", "indexer", wiring, {
    handler: "functions/indexer/lambda.handler",
    memory: "1024 MB",
    timeout: "2 minutes",
    // What MSK event source mappings need of the function's role (DescribeClusterV2,
    // GetBootstrapBrokers, network interfaces in MSK's subnets); kafka-cluster:* come from iam.ts.
    policies: partition.apply((p) => [mskExecutionRolePolicyArn(p)]),
  });

  // What the orchestrator (API) and the reconciler are linked to: the indexer's name, and the
  // right to manage event source mappings of this function only.
  const mappings = new sst.Linkable("KafkaPlusIndexer", {
    properties: { name: indexer.name, arn: indexer.arn },
    include: indexerMappingPermissions(indexer.arn, indexer.arn.apply(eventSourceMappingArns)).map((statement) =>
      sst.aws.permission(statement),
    ),
  });
  return { indexer, mappings };
}
