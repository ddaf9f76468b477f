import type { Network } from "./network";
import { victoriaLogsPlan, type ResolvedStage } from "./stage";

// VictoriaLogs for the stage: the URL the stage gives, or one single-node VictoriaLogs on Fargate
// (arm64) with its data on EFS, found through private DNS (Cloud Map) and reachable only from the
// functions' security group. Its URL reaches the functions by the KafkaPlusVictoriaLogs link.

/** Same version as local mode (scripts/lib/paths.mjs); victorialogs.test.ts checks it. */
export const victoriaLogsImage = "victoriametrics/victoria-logs:v1.33.1";
export const victoriaLogsPort = 9428;
const dataPath = "/victoria-logs-data";

/** As local mode (scripts/lib/victorialogs.mjs): history and audit outlive the 7-day default. */
export const victoriaLogsArgs = [
  `-storageDataPath=${dataPath}`,
  `-httpListenAddr=:${victoriaLogsPort}`,
  "-retentionPeriod=400d",
];

/**
 * One writer at a time: VictoriaLogs locks its data directory, so a deploy must stop the old task
 * before starting the new one (a few seconds without logs; the indexer retries, and the event
 * source mapping redelivers what failed) rather than run two on the same files.
 */
export const singleWriterDeployment = { deploymentMinimumHealthyPercent: 0, deploymentMaximumPercent: 100 };

/** Private DNS namespace per stage, so two stages can share a VPC. */
export function victoriaLogsNamespaceName(app: string, stage: string): string {
  return `${app}-${stage}.internal`;
}

export function createVictoriaLogs(stage: ResolvedStage, network: Network) {
  const url = stage.settings.victoriaLogsUrl;
  if (victoriaLogsPlan(stage) === "url" && url) {
    return new sst.Linkable("KafkaPlusVictoriaLogs", { properties: { url: url.replace(/\/+$/, "") } });
  }
  const vpc = network.vpc;
  if (!vpc) throw new Error(`Stage "${stage.name}": VictoriaLogs needs a VPC to run in (set vpc or victoriaLogsUrl in stacks/stage.ts)`);

  const securityGroup = new aws.ec2.SecurityGroup("VictoriaLogsSecurityGroup", {
    description: "Kafka Plus VictoriaLogs: HTTP from the functions only",
    vpcId: vpc.id,
    ingress: [{ protocol: "tcp", fromPort: victoriaLogsPort, toPort: victoriaLogsPort, securityGroups: vpc.functionSecurityGroups }],
    // Image pulls, CloudWatch Logs, and NFS to the file system.
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
  });

  const data = new sst.aws.Efs("VictoriaLogsData", {
    vpc: { id: vpc.id, subnets: vpc.privateSubnets },
    transform: {
      // SST's default opens the mount targets to the whole VPC; only VictoriaLogs mounts them.
      securityGroup: {
        ingress: [{ protocol: "tcp", fromPort: 2049, toPort: 2049, securityGroups: [securityGroup.id] }],
      },
    },
  });

  const namespace =
    vpc.cloudmapNamespace ??
    new aws.servicediscovery.PrivateDnsNamespace("VictoriaLogsNamespace", {
      name: victoriaLogsNamespaceName($app.name, $app.stage),
      vpc: vpc.id,
      description: "Kafka Plus private service discovery",
    });

  const cluster = new sst.aws.Cluster("VictoriaLogsCluster", {
    vpc: {
      id: vpc.id,
      securityGroups: [securityGroup.id],
      containerSubnets: vpc.privateSubnets,
      loadBalancerSubnets: vpc.privateSubnets, // required by the type; no load balancer is created
      cloudmapNamespaceId: namespace.id,
      cloudmapNamespaceName: namespace.name,
    },
  });

  const service = new sst.aws.Service("VictoriaLogs", {
    cluster,
    image: stage.settings.victoriaLogsImage ?? victoriaLogsImage,
    command: victoriaLogsArgs,
    architecture: "arm64",
    cpu: "0.25 vCPU",
    memory: "1 GB",
    volumes: [{ efs: data, path: dataPath }],
    scaling: { min: 1, max: 1 },
    transform: { service: singleWriterDeployment },
  });

  // service.service is the Cloud Map host name (an A record per running task).
  return new sst.Linkable("KafkaPlusVictoriaLogs", {
    properties: { url: $interpolate`http://${service.service}:${victoriaLogsPort}` },
  });
}
