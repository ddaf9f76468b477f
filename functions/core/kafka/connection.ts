// Turns a cluster's configuration into @platformatic/kafka connection options.
import type { ConnectionOptions, SASLOptions } from '@platformatic/kafka'
import type { ClusterConfig } from '../config.ts'
import { configError } from '../errors.ts'

/**
 * Supplies OAUTHBEARER tokens for MSK IAM. Injected by the entry point, so the core never
 * imports the AWS SDK (see functions/aws/msk-iam.ts).
 */
export type OAuthTokenProvider = (cluster: ClusterConfig) => () => Promise<string>

export interface KafkaConnectionOptions extends ConnectionOptions {
  bootstrapBrokers: string[]
}

export function connectionOptions(cluster: ClusterConfig, oauthTokenProvider?: OAuthTokenProvider): KafkaConnectionOptions {
  const options: KafkaConnectionOptions = { bootstrapBrokers: cluster.brokers, connectTimeout: 5_000, requestTimeout: 30_000 }
  const { tls, sasl } = cluster
  if (tls) {
    options.tls = tls === true ? {} : {
      ...(tls.ca ? { ca: tls.ca } : {}),
      ...(tls.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: tls.rejectUnauthorized }),
      ...(tls.servername ? { servername: tls.servername } : {}),
    }
  }
  if (sasl) options.sasl = saslOptions(cluster, sasl, oauthTokenProvider)
  return options
}

function saslOptions(cluster: ClusterConfig, sasl: NonNullable<ClusterConfig['sasl']>, oauthTokenProvider?: OAuthTokenProvider): SASLOptions {
  if (sasl.mechanism === 'AWS_MSK_IAM') {
    if (!oauthTokenProvider) throw configError(`Cluster '${cluster.id}' uses MSK IAM, but this runtime has no AWS token signer.`)
    return { mechanism: 'OAUTHBEARER', token: oauthTokenProvider(cluster) }
  }
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password }
}
