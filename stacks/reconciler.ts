import { kafkaPlusFunction, type Wiring } from "./functions";

// Every 5 minutes, converges the indexer's event source mappings to the plan table (a mapping
// deleted by hand, one still Creating when the API gave up). The handler is runtime code
// (functions/indexer/reconciler.ts).
export function createReconciler(wiring: Wiring) {
  const reconciler = kafkaPlusFunction("Reconciler", "reconciler", wiring, {
    handler: "functions/indexer/reconciler.handler",
    memory: "256 MB",
    timeout: "1 minute",
    retries: 0, // the next tick retries
  });
  new sst.aws.CronV2("ReconcilerSchedule", { schedule: "rate(5 minutes)", function: reconciler });
  return reconciler;
}
