import { describe, expect, it } from "vitest";
import {
  isPersonalStage,
  mskClusterArns,
  networkPlan,
  resolveStage,
  StageSettingsError,
  victoriaLogsPlan,
  type StageSettings,
} from "./stage";

const arn = "arn:aws:kafka:us-east-1:123456789012:cluster/prod/11112222-3333-4444-5555-666677778888-2";
const complete: StageSettings = {
  vpc: { id: "vpc-0123456789abcdef0", privateSubnets: ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"], securityGroups: ["sg-0123456789abcdef0"] },
  clusters: { prod: { mskClusterArn: arn } },
};

function problemsOf(name: string, declared: Record<string, StageSettings>): string[] {
  try {
    resolveStage(name, declared);
  } catch (error: unknown) {
    if (error instanceof StageSettingsError) return error.problems;
    throw error;
  }
  throw new Error(`stage ${name} was accepted`);
}

describe("which stages are personal", () => {
  it("an undeclared stage with an ordinary name (SST's default: the user name) is personal", () => {
    expect(isPersonalStage("alice", {})).toBe(true);
    expect(isPersonalStage("pr-42", {})).toBe(true);
  });

  it("shared-looking names are never personal unless declared so", () => {
    for (const name of ["production", "prod", "prod-eu", "staging", "staging_2", "uat", "qa", "live", "main", "dev", "test"]) {
      expect(isPersonalStage(name, {}), name).toBe(false);
    }
  });

  it("a declared stage is personal only with personal: true", () => {
    expect(isPersonalStage("alice", { alice: {} })).toBe(false);
    expect(isPersonalStage("alice", { alice: { personal: true } })).toBe(true);
  });
});

describe("resolveStage refuses half-configured shared stages", () => {
  it("accepts a complete shared stage", () => {
    const stage = resolveStage("production", { production: complete });
    expect(stage).toEqual({ name: "production", personal: false, settings: complete });
    expect(mskClusterArns(stage)).toEqual([arn]);
  });

  it("refuses a shared stage name that is not declared", () => {
    expect(problemsOf("production", {})).toEqual([
      '"production" is a shared stage name but is not declared in `stages`: declare vpc and clusters for it',
    ]);
  });

  it("refuses a declared, non-personal stage without VPC and clusters, naming both", () => {
    expect(problemsOf("team", { team: {} })).toEqual([
      "vpc is missing: set vpc.id, vpc.privateSubnets and vpc.securityGroups",
      "clusters is missing: map each cluster id of the KafkaPlusClusters secret to its mskClusterArn",
    ]);
  });

  it("names each missing part of the VPC", () => {
    const vpc = { id: "", privateSubnets: [], securityGroups: [] };
    expect(problemsOf("production", { production: { ...complete, vpc } })).toEqual([
      'vpc.id is missing (e.g. "vpc-0123456789abcdef0")',
      'vpc.privateSubnets is missing (e.g. ["subnet-0123456789abcdef0"])',
      'vpc.securityGroups is missing (e.g. ["sg-0123456789abcdef0"])',
    ]);
  });

  it("names malformed ids (a subnet where a security group belongs, a public ARN typo)", () => {
    const settings: StageSettings = {
      vpc: { id: "vpc-0123456789abcdef0", privateSubnets: ["sg-0123456789abcdef0"], securityGroups: ["sg-0123456789abcdef0"] },
      clusters: { prod: { mskClusterArn: "arn:aws:kafka:us-east-1:123456789012:prod" }, logs: { mskClusterArn: "" } },
      victoriaLogsUrl: "victorialogs:9428",
    };
    expect(problemsOf("production", { production: settings })).toEqual([
      'vpc.privateSubnets: "sg-0123456789abcdef0" does not look like subnet-0123456789abcdef0',
      'clusters.prod.mskClusterArn: "arn:aws:kafka:us-east-1:123456789012:prod" does not look like arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID',
      "clusters.logs.mskClusterArn is missing",
      'victoriaLogsUrl: "victorialogs:9428" is not an http(s) URL',
    ]);
  });

  it("refuses personal: true on a shared stage name", () => {
    expect(problemsOf("production", { production: { ...complete, personal: true } })).toEqual([
      '"production" is a shared stage name and cannot be personal: rename the stage or drop personal: true',
    ]);
  });

  it("the error message lists every problem and where to fix it", () => {
    expect(() => resolveStage("team", { team: {} })).toThrow(/Stage "team" cannot be deployed; fix stacks\/stage.ts[\s\S]*- vpc is missing[\s\S]*- clusters is missing/);
  });
});

describe("personal stages", () => {
  it("need nothing declared", () => {
    expect(resolveStage("alice", {})).toEqual({ name: "alice", personal: true, settings: {} });
  });

  it("still have what they declare checked", () => {
    const settings: StageSettings = { personal: true, clusters: { dev: { mskClusterArn: "nope" } } };
    expect(problemsOf("alice", { alice: settings })).toEqual([
      'clusters.dev.mskClusterArn: "nope" does not look like arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID',
    ]);
  });
});

describe("network and VictoriaLogs plans", () => {
  it("a shared stage runs in its declared VPC, with the stack's VictoriaLogs unless a URL is given", () => {
    const stage = resolveStage("production", { production: complete });
    expect([networkPlan(stage), victoriaLogsPlan(stage)]).toEqual(["declared-vpc", "provisioned"]);
    const withUrl = resolveStage("production", { production: { ...complete, victoriaLogsUrl: "http://logs.internal:9428" } });
    expect([networkPlan(withUrl), victoriaLogsPlan(withUrl)]).toEqual(["declared-vpc", "url"]);
  });

  it("a bare personal stage gets a VPC of its own for VictoriaLogs", () => {
    const stage = resolveStage("alice", {});
    expect([networkPlan(stage), victoriaLogsPlan(stage)]).toEqual(["dev-vpc", "provisioned"]);
  });

  it("a personal stage with a VictoriaLogs URL and no VPC runs outside any VPC", () => {
    const stage = resolveStage("alice", { alice: { personal: true, victoriaLogsUrl: "https://logs.example.com" } });
    expect([networkPlan(stage), victoriaLogsPlan(stage)]).toEqual(["none", "url"]);
  });
});
