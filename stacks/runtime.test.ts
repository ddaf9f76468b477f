import { describe, expect, it } from "vitest";
import { linkedEnvironment } from "../functions/aws/resources";
import { environmentBytes, functionEnvironment, lambdaTailMaxMs, linkedKeys, linksFor, roleLinks, sstAddedEnvironment, type FunctionRole } from "./runtime";

const roles: FunctionRole[] = ["api", "sampler", "indexer", "reconciler"];
const lambdaEnvironmentLimit = 4096;

/** A PEM certificate of realistic size (a 4096-bit RSA CA is about 1.9 KB). */
function caCertificate(seed: number): string {
  const body = Array.from({ length: 30 }, (_, line) => Buffer.from(`ca-${seed}-${line}-`.repeat(8)).toString("base64").slice(0, 64));
  return `-----BEGIN CERTIFICATE-----\n${body.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/** 20 MSK clusters, each with three brokers, a CA certificate and an ARN. */
const twentyClusters = JSON.stringify(
  Array.from({ length: 20 }, (_, i) => ({
    id: `cluster-${i}`,
    name: `Cluster ${i}`,
    brokers: [1, 2, 3].map((b) => `b-${b}.cluster-${i}.abcdef.c2.kafka.us-east-1.amazonaws.com:9098`),
    tls: { ca: caCertificate(i) },
    sasl: { mechanism: "AWS_MSK_IAM", region: "us-east-1" },
    mskClusterArn: `arn:aws:kafka:us-east-1:123456789012:cluster/cluster-${i}/11112222-3333-4444-5555-66667777888${i % 10}-1`,
  })),
);

describe("function environments", () => {
  it("a 20-cluster configuration with CA certificates could never fit in Lambda's environment", () => {
    expect(Buffer.byteLength(twentyClusters)).toBeGreaterThan(10 * lambdaEnvironmentLimit);
  });

  it.each(roles)("%s: the whole environment (SST's variables included) stays far under 4 KB", (role) => {
    const env = { ...functionEnvironment(role), ...sstAddedEnvironment("kafka-plus", "production-eu-west-1") };
    expect(environmentBytes(env)).toBeLessThan(lambdaEnvironmentLimit / 8);
  });

  it.each(roles)("%s: secrets, plan table and cluster list come by link, never by environment", (role) => {
    const env = functionEnvironment(role);
    expect(Object.keys(env).filter((key) => key in linkedEnvironment)).toEqual([]);
    expect(Object.values(env).some((value) => value.includes("BEGIN CERTIFICATE"))).toBe(false);
    expect(linkedKeys(role)).toEqual(expect.arrayContaining(["KAFKA_PLUS_TOKEN", "KAFKA_PLUS_CLUSTERS", "VICTORIALOGS_URL"]));
  });

  it("gives the roles what they use", () => {
    expect(linkedKeys("api")).toEqual(expect.arrayContaining(["KAFKA_PLUS_PLAN_TABLE", "KAFKA_PLUS_INDEXER_FUNCTION", "SAMPLER_FUNCTION_NAME"]));
    expect(linkedKeys("indexer")).toContain("KAFKA_PLUS_PLAN_TABLE");
    expect(linkedKeys("indexer")).not.toContain("KAFKA_PLUS_INDEXER_FUNCTION");
    expect(linkedKeys("reconciler")).toEqual(expect.arrayContaining(["KAFKA_PLUS_PLAN_TABLE", "KAFKA_PLUS_INDEXER_FUNCTION"]));
    expect(linkedKeys("sampler")).not.toContain("KAFKA_PLUS_PLAN_TABLE");
    // Single sign-on is the API's alone; audit records are written by the API and the reconciler.
    expect(linkedKeys("api")).toEqual(expect.arrayContaining(["KAFKA_PLUS_AUDIT_KEY", "KAFKA_PLUS_OIDC_ISSUER", "KAFKA_PLUS_OIDC_CLIENT_SECRET", "KAFKA_PLUS_OIDC_ROLES"]));
    expect(linkedKeys("reconciler")).toContain("KAFKA_PLUS_AUDIT_KEY");
    for (const role of ["sampler", "indexer", "reconciler"] as const) {
      expect(linkedKeys(role).filter((key) => key.startsWith("KAFKA_PLUS_OIDC_"))).toEqual([]);
    }
  });

  it("sets the API's live-tail limit to at most 120 s on Lambda", () => {
    expect(functionEnvironment("api")).toEqual({ KAFKA_PLUS_TAIL_MAX_MS: "120000", KAFKA_PLUS_TRUST_PROXY: "1" });
    expect(lambdaTailMaxMs).toBeLessThanOrEqual(120_000);
  });
});

describe("linksFor", () => {
  it("picks the role's links in order", () => {
    const available = Object.fromEntries(roleLinks.api.map((name) => [name, `link:${name}`]));
    expect(linksFor("api", available)).toEqual(roleLinks.api.map((name) => `link:${name}`));
  });

  it("fails the deploy when a link the role needs was not created", () => {
    expect(() => linksFor("reconciler", { KafkaPlusToken: 1 })).toThrow('The reconciler function needs the "KafkaPlusTokens" link, which was not created');
  });
});
