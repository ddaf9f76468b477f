import { describe, expect, it } from "vitest";
import { clusterConfigJson } from "./clusters";
import { resolveStage, type StageSettings } from "./stage";

const arn = "arn:aws:kafka:us-east-1:123456789012:cluster/prod/abcd-1";
const production: StageSettings = {
  vpc: { id: "vpc-0123456789abcdef0", privateSubnets: ["subnet-0aaa1111bbbb2222c"], securityGroups: ["sg-0123456789abcdef0"] },
  clusters: { prod: { mskClusterArn: arn } },
};
const shared = resolveStage("production", { production });
const personal = resolveStage("alice", {});
const secret = JSON.stringify([{ id: "prod", brokers: ["b-1.prod.kafka.us-east-1.amazonaws.com:9098"], sasl: { mechanism: "AWS_MSK_IAM", region: "us-east-1" } }]);

describe("clusterConfigJson", () => {
  it("merges each cluster's mskClusterArn from the stage into the secret's clusters", () => {
    expect(JSON.parse(clusterConfigJson(secret, shared))).toEqual([
      { id: "prod", brokers: ["b-1.prod.kafka.us-east-1.amazonaws.com:9098"], sasl: { mechanism: "AWS_MSK_IAM", region: "us-east-1" }, mskClusterArn: arn },
    ]);
  });

  it("accepts the same ARN in the secret", () => {
    const same = JSON.stringify([{ id: "prod", brokers: ["b:9098"], mskClusterArn: arn }]);
    expect(JSON.parse(clusterConfigJson(same, shared))).toEqual([{ id: "prod", brokers: ["b:9098"], mskClusterArn: arn }]);
  });

  it("refuses a shared stage's cluster without an ARN in stage.ts", () => {
    const two = JSON.stringify([{ id: "prod", brokers: ["b:9098"] }, { id: "logs", brokers: ["c:9098"] }]);
    expect(() => clusterConfigJson(two, shared)).toThrow('cluster "logs" has no clusters.logs.mskClusterArn in stacks/stage.ts');
  });

  it("refuses an ARN that differs from stage.ts, or one stage.ts does not declare (IAM would not cover it)", () => {
    const differs = JSON.stringify([{ id: "prod", brokers: ["b:9098"], mskClusterArn: `${arn}x` }]);
    expect(() => clusterConfigJson(differs, shared)).toThrow(/the secret's mskClusterArn differs from clusters.prod.mskClusterArn/);
    const undeclared = JSON.stringify([{ id: "dev", brokers: ["b:9098"], mskClusterArn: arn }]);
    expect(() => clusterConfigJson(undeclared, personal)).toThrow(/cluster "dev" has an mskClusterArn but no clusters.dev in stacks\/stage.ts/);
  });

  it("refuses a declared cluster the secret does not have (a typo in either place)", () => {
    const other = JSON.stringify([{ id: "prd", brokers: ["b:9098"] }]);
    expect(() => clusterConfigJson(other, shared)).toThrow(/clusters.prod is declared in stacks\/stage.ts but the secret has no cluster "prod"/);
  });

  it("lets a personal stage use clusters without MSK ARNs (plain SASL/TLS Kafka)", () => {
    const plain = JSON.stringify([{ id: "dev", brokers: ["kafka.example.com:9093"], sasl: { mechanism: "SCRAM-SHA-512", username: "u", password: "p" } }]);
    expect(clusterConfigJson(plain, personal)).toBe(plain);
  });

  it("never quotes the secret in its errors", () => {
    const broken = '[{"id":"prod","sasl":{"password":"hunter2-secret"}';
    let message = "";
    try {
      clusterConfigJson(broken, shared);
    } catch (error: unknown) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(/not valid JSON/);
    expect(message).not.toContain("hunter2");
  });

  it("refuses shapes the runtime cannot read", () => {
    expect(() => clusterConfigJson("{}", shared)).toThrow(/non-empty JSON array/);
    expect(() => clusterConfigJson("[]", shared)).toThrow(/non-empty JSON array/);
    expect(() => clusterConfigJson('[{"brokers":[]}]', shared)).toThrow(/cluster #1 .* has no string "id"/);
  });
});
