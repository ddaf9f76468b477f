/// <reference path="./.sst/platform/config.d.ts" />

// Kafka Plus infrastructure (SST v3-style config, run by the `sst` 4.x CLI).
// The stacks are imported inside run() because SST's globals (sst, $app, aws, ...)
// only exist while run() executes; each stack is a function so the wiring order
// (and what depends on what) is explicit here rather than hidden in import order.
export default $config({
  app(input) {
    return {
      name: "kafka-plus",
      home: "aws",
      // Never lose production state by accident; throwaway stages clean up fully.
      removal: input?.stage === "production" ? "retain" : "remove",
    };
  },
  async run() {
    const { createSecrets } = await import("./stacks/secrets");
    const { createSampler } = await import("./stacks/sampler");
    const { createApi } = await import("./stacks/api");
    const { createRouter, createSite } = await import("./stacks/web");

    const secrets = createSecrets();
    const router = createRouter();
    const sampler = createSampler(secrets);
    const api = createApi(secrets, sampler, router);
    const site = createSite(router, api);
    (await import("./stacks/indexer")).createIndexer(secrets); // MSK → VictoriaLogs indexer

    return {
      url: router.url, // the one origin users open: site at /, API at /api
      apiUrl: api.url,
      siteUrl: site.url,
      samplerFunction: sampler.name,
    };
  },
});
