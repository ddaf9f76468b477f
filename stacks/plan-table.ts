import { planTablePermissions } from "./iam";
import type { ResolvedStage } from "./stage";

// The indexing plan store: one item per (cluster, topic), written with conditions by the API and
// read by the indexer and the reconciler. Linked (not the table itself, whose SST link grants
// dynamodb:*) as KafkaPlusPlanTable with only the actions the store uses.
export function createPlanTable(stage: ResolvedStage) {
  const table = new sst.aws.Dynamo("PlanTable", {
    fields: { cluster: "string", topic: "string" },
    primaryIndex: { hashKey: "cluster", rangeKey: "topic" },
    // UI sessions share the table (partition "#sessions"); DynamoDB deletes them once expired.
    ttl: "expiresAt",
    deletionProtection: !stage.personal,
  });
  return new sst.Linkable("KafkaPlusPlanTable", {
    properties: { name: table.name },
    include: planTablePermissions(table.arn).map((statement) => sst.aws.permission(statement)),
  });
}
