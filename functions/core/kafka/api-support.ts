// Whether the cluster offers a protocol API at all (ApiVersions), so a refusal can be told apart
// from a failure: MSK Serverless, for one, does not offer DescribeLogDirs.
import { kGetApi, type Callback } from '@platformatic/kafka'
import type { KafkaCluster } from './cluster.ts'

interface AdminInternals {
  [kGetApi](name: string, callback: Callback<unknown>): void
}

const hasCode = (error: unknown, code: string) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code

/** True when offered, false when the cluster does not offer it; other errors propagate. */
export async function supportsApi(cluster: KafkaCluster, name: string): Promise<boolean> {
  await cluster.fullMetadata() // connects and learns the API versions, with the usual error mapping
  const internals = cluster.admin() as unknown as AdminInternals
  return new Promise((resolve, reject) => {
    internals[kGetApi](name, (error) => {
      if (!error) return resolve(true)
      if (hasCode(error, 'PLT_KFK_UNSUPPORTED_API')) return resolve(false)
      reject(error)
    })
  })
}
