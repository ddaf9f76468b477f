// IAM statements for the functions, as pure builders (iam.test.ts). Generic over the string type
// so the stacks can pass SST Outputs (ARNs known only at deploy) and the tests plain strings.
// The shape matches SST's FunctionPermissionArgs (`permissions:` and `sst.aws.permission`).

export interface Statement<S = string> {
  actions: string[];
  resources: S[];
  conditions?: { test: string; variable: string; values: S[] }[];
}

export type KafkaRole = "api" | "sampler" | "indexer";

/**
 * MSK IAM-auth actions per function (https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html).
 * - api: the UI's topic/config/group administration, browsing and tail.
 * - sampler: read-only (log dirs, offsets, configs, group lag, record timestamps).
 * - indexer: what Lambda's MSK event source mapping does with the function's role
 *   (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html): join its consumer
 *   group, read the topic, commit offsets.
 */
export const kafkaActions: Record<KafkaRole, { cluster: string[]; topic: string[]; group: string[] }> = {
  api: {
    cluster: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
    topic: [
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:CreateTopic",
      "kafka-cluster:DeleteTopic",
      "kafka-cluster:AlterTopic",
      "kafka-cluster:DescribeTopicDynamicConfiguration",
      "kafka-cluster:AlterTopicDynamicConfiguration",
      "kafka-cluster:ReadData",
    ],
    group: ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
  },
  sampler: {
    cluster: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
    topic: ["kafka-cluster:DescribeTopic", "kafka-cluster:DescribeTopicDynamicConfiguration", "kafka-cluster:ReadData"],
    group: ["kafka-cluster:DescribeGroup"],
  },
  indexer: {
    cluster: ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"],
    topic: ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
    group: ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
  },
};

/** Topic and group ARNs share the cluster's NAME/UUID: arn:...:topic/NAME/UUID/* and group/NAME/UUID/*. */
export function mskResourceArns(clusterArn: string, kind: "topic" | "group"): string {
  if (!clusterArn.includes(":cluster/")) throw new Error(`Not an MSK cluster ARN: ${clusterArn}`);
  return `${clusterArn.replace(":cluster/", `:${kind}/`)}/*`;
}

/** kafka-cluster:* statements for exactly the declared clusters; none when none are declared. */
export function kafkaClusterPermissions(role: KafkaRole, clusterArns: string[]): Statement[] {
  if (clusterArns.length === 0) return [];
  const actions = kafkaActions[role];
  return [
    { actions: actions.cluster, resources: clusterArns },
    { actions: actions.topic, resources: clusterArns.map((arn) => mskResourceArns(arn, "topic")) },
    { actions: actions.group, resources: clusterArns.map((arn) => mskResourceArns(arn, "group")) },
  ];
}

/** What the DynamoDB plan store does: conditional writes, point reads, per-cluster queries, deletes. */
export const planTableActions = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:Query",
];

export function planTablePermissions<S>(tableArn: S): Statement<S>[] {
  return [{ actions: planTableActions, resources: [tableArn] }];
}

/** The alerts table: rules and history as items, the dedupe state as one item per cluster. */
export const alertsTableActions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"];

export function alertsTablePermissions<S>(tableArn: S): Statement<S>[] {
  return [{ actions: alertsTableActions, resources: [tableArn] }];
}

/** Alerts are published to the stack's own topic, and only there. */
export function alertsTopicPermissions<S>(topicArn: S): Statement<S>[] {
  return [{ actions: ["sns:Publish"], resources: [topicArn] }];
}

/**
 * Event source mapping ARNs in the indexer's account and region:
 * arn:PARTITION:lambda:REGION:ACCOUNT:event-source-mapping:* (from the function's ARN).
 */
export function eventSourceMappingArns(functionArn: string): string {
  const match = /^(arn:[^:]+:lambda:[^:]+:\d{12}):function:[^:]+$/.exec(functionArn);
  if (!match) throw new Error(`Not an unqualified Lambda function ARN: ${functionArn}`);
  return `${match[1]}:event-source-mapping:*`;
}

/**
 * Managing the indexer's MSK event source mappings, and only the indexer's: every action that
 * supports it is conditioned on lambda:FunctionArn (the function the mapping invokes). Per the
 * Service Authorization Reference for Lambda, CreateEventSourceMapping has no resource type
 * (Resource "*", but the condition applies); Get/Update/Delete act on the mapping ARN with the
 * condition; ListEventSourceMappings supports neither, so it is the one unconditioned "*"
 * (read-only: it lists mappings, which carry no secrets).
 */
export function indexerMappingPermissions<S>(indexerArn: S, mappingArns: S): Statement<S | "*">[] {
  // The unqualified ARN: the runtime names the indexer by KAFKA_PLUS_INDEXER_FUNCTION (no alias).
  const onlyTheIndexer = [{ test: "ArnEquals", variable: "lambda:FunctionArn", values: [indexerArn] }];
  return [
    { actions: ["lambda:CreateEventSourceMapping"], resources: ["*"], conditions: onlyTheIndexer },
    {
      actions: ["lambda:GetEventSourceMapping", "lambda:UpdateEventSourceMapping", "lambda:DeleteEventSourceMapping"],
      resources: [mappingArns],
      conditions: onlyTheIndexer,
    },
    { actions: ["lambda:ListEventSourceMappings"], resources: ["*"] },
  ];
}

/**
 * AWS's managed policy for MSK event source mappings: kafka:DescribeClusterV2 and
 * GetBootstrapBrokers, the EC2 network-interface actions the pollers need in MSK's subnets, logs.
 */
export function mskExecutionRolePolicyArn(partition = "aws"): string {
  return `arn:${partition}:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole`;
}
