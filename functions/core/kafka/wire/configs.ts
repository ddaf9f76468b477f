// Topic configs: DescribeConfigs (with where each value comes from) and IncrementalAlterConfigs,
// which changes only the named keys and never wipes the other overrides (unlike AlterConfigs).
import { ConfigResourceTypes, ConfigSources, IncrementalAlterConfigOperationTypes } from './client.ts'
import type { BrokerInfo } from '../snapshot.ts'
import type { TopicConfigEntry } from '../types.ts'
import { wireOf, type KafkaCluster } from './connection.ts'

const sourceNames = new Map<number, string>(Object.entries(ConfigSources).map(([name, id]) => [id as number, name]))

interface DescribedResource {
  resourceName: string
  configs: { name: string; value?: string | null; configSource: number; isSensitive: boolean; readOnly: boolean }[]
}
type DescribeConfigsApi = (connection: never, resources: unknown[], includeSynonyms: boolean, includeDocumentation: boolean, callback: (error: Error | null, response?: { results: DescribedResource[] }) => void) => void

/** Above this many topics, the request is split over the brokers (the client sends it all to one). */
const splitAbove = 500

/**
 * Any broker answers for any topic, and each answers its share in parallel: thousands of topics
 * (the overview asks for every topic's min.insync.replicas) cost a fraction of one broker's time.
 */
async function describeOnBrokers(cluster: KafkaCluster, resources: unknown[], brokers: BrokerInfo[]): Promise<DescribedResource[]> {
  const wire = wireOf(cluster)
  const share = Math.ceil(resources.length / brokers.length)
  const parts = await Promise.all(brokers.map((broker, i) => {
    const slice = resources.slice(i * share, (i + 1) * share)
    if (slice.length === 0) return Promise.resolve([])
    return wire.send<{ results: DescribedResource[] }>(broker, (connection, callback) => wire.negotiatedApi<DescribeConfigsApi>('DescribeConfigs', (error, api) => {
      if (error || !api) return callback(error ?? new Error('DescribeConfigs unavailable'))
      api(connection as never, slice, false, false, callback as never)
    }), 'kafka-plus:describe-configs').then((response) => response.results)
  })).catch((error: unknown) => {
    throw wire.mapError(error, 'Describing topic configs')
  })
  return parts.flat()
}

/**
 * The configs of each topic (only `keys` when given), sorted by name; sensitive values are withheld.
 * With the cluster's `brokers` (from a snapshot in hand), many topics are asked of all of them at once.
 */
export async function describeTopicConfigs(cluster: KafkaCluster, topics: string[], keys?: string[], brokers?: BrokerInfo[]): Promise<Map<string, TopicConfigEntry[]>> {
  const result = new Map<string, TopicConfigEntry[]>()
  if (topics.length === 0) return result
  const resources = topics.map((resourceName) => ({ resourceType: ConfigResourceTypes.TOPIC, resourceName, configurationKeys: keys ?? null }))
  const described = brokers && brokers.length > 1 && topics.length > splitAbove
    ? await describeOnBrokers(cluster, resources, brokers)
    : await wireOf(cluster).call('Describing topic configs', (admin) => admin.describeConfigs({ resources }))
  for (const resource of described) {
    result.set(resource.resourceName, resource.configs
      .map((c) => ({
        name: c.name,
        value: c.isSensitive ? null : (c.value ?? null),
        source: sourceNames.get(c.configSource) ?? 'UNKNOWN',
        // Only a topic-level override differs from what the topic would have without it.
        isDefault: c.configSource !== ConfigSources.TOPIC_CONFIG,
        sensitive: c.isSensitive,
        readOnly: c.readOnly,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)))
  }
  return result
}

/** Sets and removes topic-level overrides; the controller accepts it before brokers apply it. */
export async function incrementalAlterTopicConfigs(cluster: KafkaCluster, topic: string, set: Record<string, string>, remove: string[]): Promise<void> {
  const configs = [
    ...Object.entries(set).map(([name, value]) => ({ name, value, configOperation: IncrementalAlterConfigOperationTypes.SET })),
    ...remove.map((name) => ({ name, value: null, configOperation: IncrementalAlterConfigOperationTypes.DELETE })),
  ]
  await wireOf(cluster).call(`Changing configs of topic '${topic}'`, (admin) => admin.incrementalAlterConfigs({
    resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configs }],
  }))
}
