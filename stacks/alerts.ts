import { alertsTablePermissions, alertsTopicPermissions } from "./iam";
import type { ResolvedStage } from "./stage";

// Alerts: the SNS topic the team subscribes to (email, chat, PagerDuty…), and the table of alert
// rules, their dedupe state and the history of what was sent. Each is linked, not the resource
// itself (whose SST link would grant sns:* / dynamodb:*), with only the actions the code uses.
export function createAlerts(stage: ResolvedStage) {
  const topic = new sst.aws.SnsTopic("AlertsTopic");
  const table = new sst.aws.Dynamo("AlertsTable", {
    fields: { cluster: "string", item: "string" },
    primaryIndex: { hashKey: "cluster", rangeKey: "item" },
    // History items carry expiresAt (90 days after they were sent): DynamoDB deletes them.
    ttl: "expiresAt",
    deletionProtection: !stage.personal,
  });
  return {
    KafkaPlusAlertsTopic: new sst.Linkable("KafkaPlusAlertsTopic", {
      properties: { arn: topic.arn },
      include: alertsTopicPermissions(topic.arn).map((statement) => sst.aws.permission(statement)),
    }),
    KafkaPlusAlertsTable: new sst.Linkable("KafkaPlusAlertsTable", {
      properties: { name: table.name },
      include: alertsTablePermissions(table.arn).map((statement) => sst.aws.permission(statement)),
    }),
  };
}
