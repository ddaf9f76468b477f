// Per-stage plain settings (nothing secret): reviewed in git, typed, and the same
// for whoever deploys. Stages not listed here get the defaults (no VPC, any MSK cluster).
export interface StageConfig {
  /**
   * MSK brokers are only reachable inside their VPC, so for a real MSK deployment set
   * the VPC's *private* subnets and a security group that the MSK cluster's security
   * group allows on the broker port (9098 for IAM auth). The subnets need a NAT gateway
   * (or VPC endpoints for Lambda and whatever hosts VictoriaLogs) because the API also
   * calls lambda:InvokeFunction and VictoriaLogs. An sst.aws.Vpc instance also works here.
   */
  vpc?: { privateSubnets: string[]; securityGroups: string[] };
  /** MSK cluster ARNs (arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID) for IAM auth; default: any. */
  mskClusterArns?: string[];
  /** VictoriaLogs base URL, e.g. an internal load balancer in the same VPC. */
  victoriaLogsUrl?: string;
  /** Custom domain for the Router (needs a Route 53 zone for it in the account). */
  domain?: string;
}

const stages: Record<string, StageConfig> = {
  // production: {
  //   vpc: { privateSubnets: ["subnet-aaa", "subnet-bbb"], securityGroups: ["sg-ccc"] },
  //   mskClusterArns: ["arn:aws:kafka:eu-west-1:123456789012:cluster/prod/1111-2222"],
  //   victoriaLogsUrl: "http://victorialogs.internal:9428",
  // },
};

export function stageConfig(): StageConfig {
  return stages[$app.stage] ?? {};
}

// MSK IAM auth checks these actions on cluster, topic and group ARNs; the topic and
// group ARNs share the cluster's NAME/UUID, so they are derived from the cluster ARN.
export function mskPermissions() {
  const clusters = stageConfig().mskClusterArns ?? ["arn:aws:kafka:*:*:cluster/*"];
  const under = (kind: string) => clusters.map((arn) => `${arn.replace(":cluster/", `:${kind}/`)}/*`);
  return [
    {
      actions: [
        "kafka-cluster:Connect",
        "kafka-cluster:DescribeCluster",
        "kafka-cluster:DescribeTopic",
        "kafka-cluster:CreateTopic",
        "kafka-cluster:DeleteTopic",
        "kafka-cluster:AlterTopic",
        "kafka-cluster:DescribeTopicDynamicConfiguration",
        "kafka-cluster:AlterTopicDynamicConfiguration",
        "kafka-cluster:ReadData",
        "kafka-cluster:DescribeGroup",
        "kafka-cluster:AlterGroup",
      ],
      resources: [...clusters, ...under("topic"), ...under("group")],
    },
  ];
}
