import { runtimeEnvironment, type Secrets } from "./secrets";
import { mskPermissions, stageConfig } from "./stage";
import { nodejsBundle } from "./bundle";

// The Hono API on a streaming Function URL, served through the Router at /api so
// the site and the API share one origin (see web.ts).
export function createApi(secrets: Secrets, sampler: sst.aws.Function, router: sst.aws.Router) {
  return new sst.aws.Function("Api", {
    handler: "functions/api/lambda.handler", // exports streamHandle(app) from hono/aws-lambda
    runtime: "nodejs22.x",
    nodejs: nodejsBundle,
    architecture: "arm64",
    memory: "512 MB",
    // Live-tail streams end themselves before 5 minutes; the extra minute is headroom.
    timeout: "6 minutes",
    // Sets the Function URL's invoke mode to RESPONSE_STREAM (needed by streamHandle).
    streaming: true,
    url: {
      // CloudFront's origin read timeout is the longest silence it tolerates on a
      // stream (max 60 s without a quota raise), so live tail must send heartbeats
      // well inside it.
      router: { instance: router, path: "/api", readTimeout: "60 seconds" },
      cors: false, // browsers use the same-origin Router path, never the raw URL
    },
    // One proxy in front (the Router's CloudFront): its X-Forwarded-Host/-For are believed.
    environment: runtimeEnvironment(secrets, { SAMPLER_FUNCTION_NAME: sampler.name, KAFKA_PLUS_TRUST_PROXY: "1" }),
    vpc: stageConfig().vpc,
    permissions: [
      { actions: ["lambda:InvokeFunction"], resources: [sampler.arn] }, // "sample now"
      ...mskPermissions(),
    ],
  });
}
