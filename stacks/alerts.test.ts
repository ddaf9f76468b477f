import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAlerts } from "./alerts";
import { alertsTopicPermissions } from "./iam";
import { linkedKeys } from "./runtime";
import type { ResolvedStage } from "./stage";

// SST's components stand in as recorders: what the stack declares, with which arguments.
interface Created { type: string; name: string; args: Record<string, unknown> }
let created: Created[];

const recorder = (type: string) =>
  class {
    arn = `arn:aws:sns:us-east-1:123456789012:${type}`;
    name = `table-${type}`;
    constructor(name: string, args: Record<string, unknown> = {}) {
      created.push({ type, name, args });
    }
  };

beforeEach(() => {
  created = [];
  (globalThis as Record<string, unknown>).sst = {
    aws: { SnsTopic: recorder("SnsTopic"), Dynamo: recorder("Dynamo"), permission: (statement: unknown) => ({ permission: statement }) },
    Linkable: recorder("Linkable"),
  };
});

afterEach(() => {
  delete (globalThis as Record<string, unknown>).sst;
});

describe("the alerts stack", () => {
  it("creates the SNS topic and links it with sns:Publish on that topic only", () => {
    createAlerts({ personal: true } as ResolvedStage);
    expect(created.filter((c) => c.type === "SnsTopic").map((c) => c.name)).toEqual(["AlertsTopic"]);
    const link = created.find((c) => c.type === "Linkable" && c.name === "KafkaPlusAlertsTopic");
    expect(link?.args.properties).toEqual({ arn: "arn:aws:sns:us-east-1:123456789012:SnsTopic" });
    expect(link?.args.include).toEqual([{ permission: { actions: ["sns:Publish"], resources: ["arn:aws:sns:us-east-1:123456789012:SnsTopic"] } }]);
  });

  it("creates the alerts table (cluster, item; history expires) with only the item actions the store uses", () => {
    createAlerts({ personal: false } as ResolvedStage);
    const table = created.find((c) => c.type === "Dynamo");
    expect(table?.args).toMatchObject({ primaryIndex: { hashKey: "cluster", rangeKey: "item" }, ttl: "expiresAt", deletionProtection: true });
    const link = created.find((c) => c.name === "KafkaPlusAlertsTable");
    const actions = (link?.args.include as { permission: { actions: string[] } }[]).flatMap((p) => p.permission.actions);
    expect(actions.sort()).toEqual(["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]);
  });

  it("links topic and table to the sampler (evaluates) and the API (rules, test send), not to the indexer", () => {
    for (const role of ["sampler", "api"] as const) {
      expect(linkedKeys(role)).toEqual(expect.arrayContaining(["KAFKA_PLUS_ALERTS_SNS_TOPIC_ARN", "KAFKA_PLUS_ALERTS_TABLE"]));
    }
    expect(linkedKeys("indexer").filter((k) => k.startsWith("KAFKA_PLUS_ALERTS_"))).toEqual([]);
    expect(alertsTopicPermissions("arn:x")).toEqual([{ actions: ["sns:Publish"], resources: ["arn:x"] }]);
  });
});
