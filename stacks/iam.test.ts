import { describe, expect, it } from "vitest";
import {
  eventSourceMappingArns,
  indexerMappingPermissions,
  kafkaClusterPermissions,
  mskExecutionRolePolicyArn,
  mskResourceArns,
  planTablePermissions,
  type Statement,
} from "./iam";

const cluster = "arn:aws:kafka:us-east-1:123456789012:cluster/prod/abcd-1";
const other = "arn:aws:kafka:us-east-1:123456789012:cluster/logs/efgh-2";
const indexer = "arn:aws:lambda:us-east-1:123456789012:function:kafka-plus-production-IndexerFunction-abc";

const actionsOf = (statements: Statement<string>[]) => statements.flatMap((s) => s.actions).sort();

describe("kafka-cluster permissions", () => {
  it("cover exactly the declared clusters, their topics and groups", () => {
    expect(kafkaClusterPermissions("api", [cluster, other]).map((s) => s.resources)).toEqual([
      [cluster, other],
      ["arn:aws:kafka:us-east-1:123456789012:topic/prod/abcd-1/*", "arn:aws:kafka:us-east-1:123456789012:topic/logs/efgh-2/*"],
      ["arn:aws:kafka:us-east-1:123456789012:group/prod/abcd-1/*", "arn:aws:kafka:us-east-1:123456789012:group/logs/efgh-2/*"],
    ]);
  });

  it("grant nothing (and no wildcard) when no cluster is declared", () => {
    expect(kafkaClusterPermissions("api", [])).toEqual([]);
  });

  it("give the API its administration actions", () => {
    expect(actionsOf(kafkaClusterPermissions("api", [cluster]))).toEqual([
      "kafka-cluster:AlterGroup",
      "kafka-cluster:AlterTopic",
      "kafka-cluster:AlterTopicDynamicConfiguration",
      "kafka-cluster:Connect",
      "kafka-cluster:CreateTopic",
      "kafka-cluster:DeleteTopic",
      "kafka-cluster:DescribeCluster",
      "kafka-cluster:DescribeGroup",
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:DescribeTopicDynamicConfiguration",
      "kafka-cluster:ReadData",
    ]);
  });

  it("keep the sampler read-only", () => {
    const actions = actionsOf(kafkaClusterPermissions("sampler", [cluster]));
    expect(actions).toEqual([
      "kafka-cluster:Connect",
      "kafka-cluster:DescribeCluster",
      "kafka-cluster:DescribeGroup",
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:DescribeTopicDynamicConfiguration",
      "kafka-cluster:ReadData",
    ]);
    expect(actions.filter((a) => /:(Alter|Create|Delete|Write)/.test(a))).toEqual([]);
  });

  it("give the indexer what an MSK event source mapping does with its role", () => {
    expect(actionsOf(kafkaClusterPermissions("indexer", [cluster]))).toEqual([
      "kafka-cluster:AlterGroup",
      "kafka-cluster:Connect",
      "kafka-cluster:DescribeClusterDynamicConfiguration",
      "kafka-cluster:DescribeGroup",
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:ReadData",
    ]);
  });

  it("refuse a non-cluster ARN rather than derive a wrong resource", () => {
    expect(() => mskResourceArns("arn:aws:kafka:us-east-1:123456789012:topic/prod/abcd-1/x", "topic")).toThrow(/Not an MSK cluster ARN/);
  });
});

describe("plan table permissions", () => {
  it("are the plan store's five actions on that table only", () => {
    const table = "arn:aws:dynamodb:us-east-1:123456789012:table/kafka-plus-production-PlanTableTable-abc";
    expect(planTablePermissions(table)).toEqual([
      { actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"], resources: [table] },
    ]);
  });
});

describe("event source mapping permissions", () => {
  const mappings = eventSourceMappingArns(indexer);
  const statements = indexerMappingPermissions(indexer, mappings);

  it("derive the mapping ARNs of the indexer's account and region", () => {
    expect(mappings).toBe("arn:aws:lambda:us-east-1:123456789012:event-source-mapping:*");
    expect(() => eventSourceMappingArns(`${indexer}:live`)).toThrow(/unqualified/);
  });

  it("condition every action that supports it on the indexer's ARN", () => {
    const conditioned = statements.filter((s) => s.conditions);
    expect(actionsOf(conditioned)).toEqual([
      "lambda:CreateEventSourceMapping",
      "lambda:DeleteEventSourceMapping",
      "lambda:GetEventSourceMapping",
      "lambda:UpdateEventSourceMapping",
    ]);
    for (const statement of conditioned) {
      expect(statement.conditions).toEqual([{ test: "ArnEquals", variable: "lambda:FunctionArn", values: [indexer] }]);
    }
  });

  it("scope Get/Update/Delete to mapping ARNs; only Create (conditioned) and List (no resource type) use *", () => {
    const byAction = Object.fromEntries(statements.flatMap((s) => s.actions.map((a) => [a, s])));
    expect(byAction["lambda:GetEventSourceMapping"]?.resources).toEqual([mappings]);
    const wildcards = statements.filter((s) => s.resources.includes("*"));
    expect(wildcards.map((s) => [s.actions, Boolean(s.conditions)])).toEqual([
      [["lambda:CreateEventSourceMapping"], true],
      [["lambda:ListEventSourceMappings"], false],
    ]);
  });

  it("grant nothing beyond mapping management", () => {
    expect(actionsOf(statements).every((a) => /^lambda:(Create|Get|Update|Delete|List)EventSourceMappings?$/.test(a))).toBe(true);
  });
});

describe("no wildcard resources for a declared stage", () => {
  it("holds for every statement the stacks build, except ListEventSourceMappings and the conditioned Create", () => {
    const all = [
      ...kafkaClusterPermissions("api", [cluster]),
      ...kafkaClusterPermissions("sampler", [cluster]),
      ...kafkaClusterPermissions("indexer", [cluster]),
      ...planTablePermissions("arn:aws:dynamodb:us-east-1:123456789012:table/t"),
      ...indexerMappingPermissions(indexer, eventSourceMappingArns(indexer)),
    ];
    const wildcard = all.filter((s) => s.resources.some((r) => r === "*" || r.includes(":*:")) && !s.conditions);
    expect(wildcard.flatMap((s) => s.actions)).toEqual(["lambda:ListEventSourceMappings"]);
  });
});

describe("the indexer's managed policy", () => {
  it("is AWS's AWSLambdaMSKExecutionRole in the stack's partition", () => {
    expect(mskExecutionRolePolicyArn()).toBe("arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole");
    expect(mskExecutionRolePolicyArn("aws-cn")).toBe("arn:aws-cn:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole");
  });
});
