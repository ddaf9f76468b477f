import { runtimeEnvironment, type Secrets } from "./secrets";
import { mskPermissions, stageConfig } from "./stage";
import { nodejsBundle } from "./bundle";

// The sampler records broker disks, offsets and group lag every 5 minutes. The function is created
// on its own (not inline in CronV2) so the API can be given its name and ARN for
// "sample now". Same env, VPC and MSK access as the API (see stage.ts for the VPC).
export function createSampler(secrets: Secrets) {
  const sampler = new sst.aws.Function("Sampler", {
    handler: "functions/sampler/lambda.handler",
    runtime: "nodejs22.x",
    nodejs: nodejsBundle,
    architecture: "arm64",
    memory: "512 MB",
    timeout: "4 minutes", // finish before the next 5-minute tick
    retries: 0, // a failed sample is simply retaken on the next tick
    environment: runtimeEnvironment(secrets),
    vpc: stageConfig().vpc,
    permissions: mskPermissions(),
  });

  // CronV2 uses EventBridge Scheduler (CronV1 used EventBridge rules).
  new sst.aws.CronV2("SamplerSchedule", {
    schedule: "rate(5 minutes)",
    function: sampler,
  });

  // The retention audit, daily, by the same function (it reads the stored samples, not Kafka).
  new sst.aws.CronV2("AuditSchedule", {
    schedule: "rate(1 day)",
    function: sampler,
    event: { task: "audit" },
  });

  return sampler;
}
