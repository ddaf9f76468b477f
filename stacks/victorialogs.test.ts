import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { singleWriterDeployment, victoriaLogsArgs, victoriaLogsImage, victoriaLogsNamespaceName } from "./victorialogs";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

describe("the stack's VictoriaLogs", () => {
  it("runs the official image at local mode's version", () => {
    const localVersion = /victoriaLogs:\s*process\.env\.VICTORIALOGS_VERSION\s*\?\?\s*'([^']+)'/.exec(read("scripts/lib/paths.mjs"))?.[1];
    expect(localVersion).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(victoriaLogsImage).toBe(`victoriametrics/victoria-logs:${localVersion}`);
  });

  it("keeps data as long as local mode does", () => {
    const localRetention = /'(-retentionPeriod=[^']+)'/.exec(read("scripts/lib/victorialogs.mjs"))?.[1];
    expect(localRetention).toBeDefined();
    expect(victoriaLogsArgs).toContain(localRetention);
  });

  it("never runs two tasks on the same data during a deploy", () => {
    expect(singleWriterDeployment).toEqual({ deploymentMinimumHealthyPercent: 0, deploymentMaximumPercent: 100 });
  });

  it("gets a DNS namespace per stage", () => {
    expect(victoriaLogsNamespaceName("kafka-plus", "production")).toBe("kafka-plus-production.internal");
  });
});
