// Per-stage plain settings (nothing secret): reviewed in git, typed, and the same for whoever
// deploys. Pure (no SST globals), so the rules below are unit-tested (stage.test.ts).
//
// Personal and shared stages
// --------------------------
// A *personal* stage is one developer's throwaway copy; SST's default stage is the deployer's
// user name. A stage is personal when it is declared here with `personal: true`, or when it is
// not declared here at all and its name does not look shared (see `sharedStageNames`).
// Every other stage is *shared* and must declare what a real MSK deployment needs, or
// `sst deploy` stops before creating anything, naming each missing setting:
//   - vpc.id, vpc.privateSubnets and vpc.securityGroups (Lambda reaches MSK only inside its VPC);
//   - clusters: every cluster id in the KafkaPlusClusters secret with its MSK cluster ARN
//     (IAM is scoped to exactly these clusters; no wildcard resources).
// VictoriaLogs is `victoriaLogsUrl` when given, otherwise the stack runs it (stacks/victorialogs.ts).
// A personal stage may declare any of this, too; with no VPC and no VictoriaLogs URL it gets a
// small VPC of its own (stacks/network.ts) so that VictoriaLogs can run in it.

export interface StageVpc {
  /** The VPC id (vpc-...), needed for VictoriaLogs' security group, file system and DNS namespace. */
  id: string;
  /**
   * Private subnets (one per availability zone) with a route to the AWS APIs the functions
   * call: a NAT gateway, or VPC endpoints (see README "Deploying").
   */
  privateSubnets: string[];
  /** The functions' security group(s). MSK's security group must allow these on 9098. */
  securityGroups: string[];
}

export interface StageClusterSettings {
  /** arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID of the MSK cluster behind this cluster id. */
  mskClusterArn: string;
}

export interface StageSettings {
  /** A personal development stage: the shared-stage requirements do not apply. */
  personal?: boolean;
  vpc?: StageVpc;
  /** Keyed by the cluster `id` used in the KafkaPlusClusters secret. */
  clusters?: Record<string, StageClusterSettings>;
  /** An existing VictoriaLogs (http://host:9428); without it the stack runs one on Fargate. */
  victoriaLogsUrl?: string;
  /** Image for the stack's VictoriaLogs, e.g. a copy in your ECR when the VPC has no NAT. */
  victoriaLogsImage?: string;
  /** Custom domain for the Router (needs a Route 53 zone for it in the account). */
  domain?: string;
}

export const stages: Record<string, StageSettings> = {
  // production: {
  //   vpc: {
  //     id: "vpc-0123456789abcdef0",
  //     privateSubnets: ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"],
  //     securityGroups: ["sg-0123456789abcdef0"],
  //   },
  //   clusters: {
  //     prod: { mskClusterArn: "arn:aws:kafka:us-east-1:123456789012:cluster/prod/11112222-3333-4444-5555-666677778888-2" },
  //   },
  // },
};

/** Stage names that are shared by convention: refused unless declared above. */
export const sharedStageNames = /^(?:(?:prod|production|staging|stage|stg|preprod|uat|qa|live)(?:[-_].*)?|main|master|dev|development|test)$/;

export interface ResolvedStage {
  name: string;
  personal: boolean;
  settings: StageSettings;
}

export class StageSettingsError extends Error {
  constructor(
    readonly stage: string,
    readonly problems: string[],
  ) {
    super(
      `Stage "${stage}" cannot be deployed; fix stacks/stage.ts (see README "Deploying"):\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "StageSettingsError";
  }
}

/** Whether `name` is a personal stage (never throws: also used in app(), before secrets exist). */
export function isPersonalStage(name: string, declared: Record<string, StageSettings> = stages): boolean {
  const settings = declared[name];
  if (settings) return settings.personal === true;
  return !sharedStageNames.test(name);
}

const patterns = {
  vpc: /^vpc-[0-9a-f]{8,17}$/,
  subnet: /^subnet-[0-9a-f]{8,17}$/,
  securityGroup: /^sg-[0-9a-f]{8,17}$/,
  mskCluster: /^arn:aws[a-z-]*:kafka:[a-z]{2}(-[a-z]+)+-\d:\d{12}:cluster\/[A-Za-z0-9-]+\/[A-Za-z0-9-]+$/,
};

function listProblems(what: string, values: string[] | undefined, pattern: RegExp, example: string, required: boolean): string[] {
  if (!values || values.length === 0) return required ? [`${what} is missing (e.g. ["${example}"])`] : [];
  return values.filter((v) => !pattern.test(v)).map((v) => `${what}: "${v}" does not look like ${example}`);
}

function validate(name: string, personal: boolean, settings: StageSettings): string[] {
  const problems: string[] = [];
  const shared = !personal;
  const vpc = settings.vpc;
  if (!vpc) {
    if (shared) problems.push("vpc is missing: set vpc.id, vpc.privateSubnets and vpc.securityGroups");
  } else {
    if (!vpc.id) problems.push('vpc.id is missing (e.g. "vpc-0123456789abcdef0")');
    else if (!patterns.vpc.test(vpc.id)) problems.push(`vpc.id: "${vpc.id}" does not look like vpc-0123456789abcdef0`);
    problems.push(...listProblems("vpc.privateSubnets", vpc.privateSubnets, patterns.subnet, "subnet-0123456789abcdef0", true));
    problems.push(...listProblems("vpc.securityGroups", vpc.securityGroups, patterns.securityGroup, "sg-0123456789abcdef0", true));
  }
  const clusters = Object.entries(settings.clusters ?? {});
  if (clusters.length === 0 && shared) {
    problems.push("clusters is missing: map each cluster id of the KafkaPlusClusters secret to its mskClusterArn");
  }
  for (const [id, cluster] of clusters) {
    if (!cluster.mskClusterArn) problems.push(`clusters.${id}.mskClusterArn is missing`);
    else if (!patterns.mskCluster.test(cluster.mskClusterArn)) {
      problems.push(`clusters.${id}.mskClusterArn: "${cluster.mskClusterArn}" does not look like arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID`);
    }
  }
  if (settings.victoriaLogsUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(settings.victoriaLogsUrl)) {
    problems.push(`victoriaLogsUrl: "${settings.victoriaLogsUrl}" is not an http(s) URL`);
  }
  if (settings.personal && sharedStageNames.test(name)) {
    problems.push(`"${name}" is a shared stage name and cannot be personal: rename the stage or drop personal: true`);
  }
  return problems;
}

/** The stage's settings, or a StageSettingsError naming everything missing or malformed. */
export function resolveStage(name: string, declared: Record<string, StageSettings> = stages): ResolvedStage {
  const settings = declared[name];
  if (!settings && sharedStageNames.test(name)) {
    throw new StageSettingsError(name, [
      `"${name}" is a shared stage name but is not declared in \`stages\`: declare vpc and clusters for it`,
    ]);
  }
  const personal = isPersonalStage(name, declared);
  const problems = validate(name, personal, settings ?? {});
  if (problems.length > 0) throw new StageSettingsError(name, problems);
  return { name, personal, settings: settings ?? {} };
}

/** The declared MSK cluster ARNs, in declaration order. */
export function mskClusterArns(stage: ResolvedStage): string[] {
  return Object.values(stage.settings.clusters ?? {}).map((c) => c.mskClusterArn);
}

export type NetworkPlan = "declared-vpc" | "dev-vpc" | "none";

/**
 * Where the functions run: the declared VPC; or, for a personal stage that gives neither a VPC
 * nor a VictoriaLogs URL, a VPC of its own (VictoriaLogs needs one); or no VPC at all (a personal
 * stage with a reachable VictoriaLogs URL and brokers).
 */
export function networkPlan(stage: ResolvedStage): NetworkPlan {
  if (stage.settings.vpc) return "declared-vpc";
  if (stage.personal && !stage.settings.victoriaLogsUrl) return "dev-vpc";
  return "none";
}

/** Where VictoriaLogs comes from: the stage's URL, or the stack's own service. */
export function victoriaLogsPlan(stage: ResolvedStage): "url" | "provisioned" {
  return stage.settings.victoriaLogsUrl ? "url" : "provisioned";
}
