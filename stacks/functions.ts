import type { LinkName } from "../functions/aws/resources";
import { nodejsBundle } from "./bundle";
import { kafkaClusterPermissions, type KafkaRole } from "./iam";
import type { Network } from "./network";
import { functionEnvironment, linksFor, type FunctionRole } from "./runtime";
import { mskClusterArns, type ResolvedStage } from "./stage";

export type Links = Partial<Record<LinkName, $util.Input<unknown>>>;

/** What every Kafka Plus function shares: the stage, where it runs, and the links created so far. */
export interface Wiring {
  stage: ResolvedStage;
  network: Network;
  links: Links;
}

const kafkaRoles: Partial<Record<FunctionRole, KafkaRole>> = { api: "api", sampler: "sampler", indexer: "indexer" };

/** A Node function with the role's links, environment and MSK permissions (runtime.ts, iam.ts). */
export function kafkaPlusFunction(
  name: string,
  role: FunctionRole,
  wiring: Wiring,
  args: Omit<sst.aws.FunctionArgs, "link" | "environment" | "permissions">,
  permissions: sst.aws.FunctionPermissionArgs[] = [],
) {
  const kafkaRole = kafkaRoles[role];
  return new sst.aws.Function(name, {
    runtime: "nodejs22.x",
    architecture: "arm64",
    nodejs: nodejsBundle($cli.paths.root),
    vpc: wiring.network.functionVpc,
    ...args,
    link: linksFor(role, wiring.links),
    environment: functionEnvironment(role),
    permissions: [
      ...(kafkaRole ? kafkaClusterPermissions(kafkaRole, mskClusterArns(wiring.stage)) : []),
      ...permissions,
    ],
  });
}
