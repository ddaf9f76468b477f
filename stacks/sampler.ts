import { kafkaPlusFunction, type Wiring } from "./functions";

// The sampler records broker disks, offsets and group lag every 5 minutes. The function is created
// on its own (not inline in CronV2) so the API can be linked to it for "sample now".
export function createSampler(wiring: Wiring) {
  const sampler = kafkaPlusFunction("Sampler", "sampler", wiring, {
    handler: "functions/sampler/lambda.handler",
    memory: "512 MB",
    timeout: "4 minutes", // finish before the next 5-minute tick
    retries: 0, // a failed sample is simply retaken on the next tick
  });

  // CronV2 uses EventBridge Scheduler (CronV1 used EventBridge rules).
  new sst.aws.CronV2("SamplerSchedule", { schedule: "rate(5 minutes)", function: sampler });

  // The retention audit, daily, by the same function (it reads the stored samples, not Kafka).
  new sst.aws.CronV2("AuditSchedule", { schedule: "rate(1 day)", function: sampler, event: { task: "audit" } });

  return sampler;
}
