// MSK IAM: an OAUTHBEARER token signed with the runtime's AWS credentials (Lambda role, or the
// local AWS profile). Lives outside core so core never imports the AWS SDK.
import type { ClusterConfig } from '../core/config.ts'
import type { OAuthTokenProvider } from '../core/kafka/index.ts'

// Tokens last 15 minutes; reuse one until a minute before it expires.
const refreshMarginMs = 60_000

export const mskIamTokenProvider: OAuthTokenProvider = (cluster: ClusterConfig) => {
  let cached: { token: string; expiryTime: number } | undefined
  return async () => {
    if (cached && cached.expiryTime - refreshMarginMs > Date.now()) return cached.token
    const region = cluster.sasl?.mechanism === 'AWS_MSK_IAM' ? cluster.sasl.region : undefined
    if (!region) throw new Error(`Cluster '${cluster.id}' has no AWS region for MSK IAM.`)
    // Loaded on first use: the signer pulls in the AWS SDK's credential chain, which only MSK IAM
    // clusters need and which would otherwise add to every cold start.
    const { generateAuthToken } = await import('aws-msk-iam-sasl-signer-js')
    cached = await generateAuthToken({ region })
    return cached.token
  }
}
