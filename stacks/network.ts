import { networkPlan, type ResolvedStage } from "./stage";

// Where the functions (and the stack's VictoriaLogs) run; see networkPlan in stage.ts.
export interface Network {
  /** The functions' `vpc`; undefined: outside any VPC. */
  functionVpc?: sst.aws.Vpc | { privateSubnets: string[]; securityGroups: string[] };
  /** For the stack's VictoriaLogs; undefined when the functions have no VPC. */
  vpc?: {
    id: $util.Input<string>;
    privateSubnets: $util.Input<$util.Input<string>[]>;
    /** The only security groups that may reach VictoriaLogs. */
    functionSecurityGroups: $util.Input<$util.Input<string>[]>;
    /** An existing Cloud Map namespace (the dev VPC's), else VictoriaLogs creates one. */
    cloudmapNamespace?: { id: $util.Input<string>; name: $util.Input<string> };
  };
}

export function createNetwork(stage: ResolvedStage): Network {
  const plan = networkPlan(stage);
  const declared = stage.settings.vpc;
  if (plan === "declared-vpc" && declared) {
    return {
      functionVpc: { privateSubnets: declared.privateSubnets, securityGroups: declared.securityGroups },
      vpc: { id: declared.id, privateSubnets: declared.privateSubnets, functionSecurityGroups: declared.securityGroups },
    };
  }
  if (plan === "dev-vpc") {
    // A personal stage's own VPC: private subnets behind one fck-nat instance per AZ (t4g.nano,
    // about $3 a month each) rather than NAT gateways (about $33 each).
    const vpc = new sst.aws.Vpc("DevVpc", { nat: "ec2" });
    return {
      functionVpc: vpc,
      vpc: {
        id: vpc.id,
        privateSubnets: vpc.privateSubnets,
        functionSecurityGroups: vpc.securityGroups,
        cloudmapNamespace: { id: vpc.nodes.cloudmapNamespace.id, name: vpc.nodes.cloudmapNamespace.name },
      },
    };
  }
  return {};
}
