import { kafkaPlusFunction, type Wiring } from "./functions";
import { lambdaTailMaxMs } from "./runtime";

// The Hono API on a streaming Function URL, served through the Router at /api so the site and
// the API share one origin (see web.ts).
export function createApi(wiring: Wiring, router: sst.aws.Router) {
  return kafkaPlusFunction("Api", "api", wiring, {
    handler: "functions/api/lambda.handler", // streamingHandler(app) from functions/api/lambda-stream.ts
    memory: "512 MB",
    // Live-tail streams end themselves after KAFKA_PLUS_TAIL_MAX_MS (runtime.ts); 30 s headroom.
    timeout: `${lambdaTailMaxMs / 1000 + 30} seconds`,
    // Sets the Function URL's invoke mode to RESPONSE_STREAM (streamingHandler writes a response stream).
    streaming: true,
    url: {
      // CloudFront's origin read timeout is the longest silence it tolerates on a stream (max
      // 60 s without a quota raise), so live tail must send heartbeats well inside it.
      router: { instance: router, path: "/api", readTimeout: "60 seconds" },
      cors: false, // browsers use the same-origin Router path, never the raw URL
    },
  });
}
