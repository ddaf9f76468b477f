/// <reference path="./.sst/platform/config.d.ts" />

// Kafka Plus infrastructure (SST v3-style config, run by the `sst` 4.x CLI).
// The stacks are imported inside run() because SST's globals (sst, $app, aws, ...)
// only exist while run() executes; each stack is a function so the wiring order
// (and what depends on what) is explicit here rather than hidden in import order.
export default $config({
  async app(input) {
    const { isPersonalStage } = await import("./stacks/stage");
    return {
      name: "kafka-plus",
      home: "aws",
      // Shared stages keep their data (plan table, VictoriaLogs' file system) when removed;
      // personal stages clean up fully. See stacks/stage.ts for which stage is which.
      removal: isPersonalStage(input?.stage ?? "") ? "remove" : "retain",
    };
  },
  async run() {
    const { resolveStage } = await import("./stacks/stage");
    const { createNetwork } = await import("./stacks/network");
    const { createSecrets } = await import("./stacks/secrets");
    const { createVictoriaLogs } = await import("./stacks/victorialogs");
    const { createPlanTable } = await import("./stacks/plan-table");
    const { createAlerts } = await import("./stacks/alerts");
    const { createSampler } = await import("./stacks/sampler");
    const { createIndexer } = await import("./stacks/indexer");
    const { createApi } = await import("./stacks/api");
    const { createReconciler } = await import("./stacks/reconciler");
    const { createRouter, createSite } = await import("./stacks/web");

    // Throws before anything is created when a shared stage is half-configured.
    const stage = resolveStage($app.stage);
    const network = createNetwork(stage);
    const wiring = {
      stage,
      network,
      links: {
        ...createSecrets(stage),
        KafkaPlusVictoriaLogs: createVictoriaLogs(stage, network),
        KafkaPlusPlanTable: createPlanTable(stage),
        ...createAlerts(stage),
      } as import("./stacks/functions").Links,
    };
    wiring.links.Sampler = createSampler(wiring);
    const { indexer, mappings } = createIndexer(wiring);
    wiring.links.KafkaPlusIndexer = mappings;
    const router = createRouter(stage);
    const api = createApi(wiring, router);
    createReconciler(wiring);
    const site = createSite(router, api);

    return {
      url: router.url, // the one origin users open: site at /, API at /api
      apiUrl: api.url,
      siteUrl: site.url,
      samplerFunction: (wiring.links.Sampler as sst.aws.Function).name,
      indexerFunction: indexer.name,
    };
  },
});
