// Topic configs: DescribeConfigs (with where each value comes from) and IncrementalAlterConfigs,
// which changes only the named keys and never wipes the other overrides (unlike AlterConfigs).
import { ConfigResourceTypes, ConfigSources, IncrementalAlterConfigOperationTypes } from './client.ts'
import type { TopicConfigEntry } from '../types.ts'
import { wireOf, type KafkaCluster } from './connection.ts'

const sourceNames = new Map<number, string>(Object.entries(ConfigSources).map(([name, id]) => [id as number, name]))

/** The configs of each topic (only `keys` when given), sorted by name; sensitive values are withheld. */
export async function describeTopicConfigs(cluster: KafkaCluster, topics: string[], keys?: string[]): Promise<Map<string, TopicConfigEntry[]>> {
  const result = new Map<string, TopicConfigEntry[]>()
  if (topics.length === 0) return result
  const described = await wireOf(cluster).call('Describing topic configs', (admin) => admin.describeConfigs({
    resources: topics.map((resourceName) => ({ resourceType: ConfigResourceTypes.TOPIC, resourceName, configurationKeys: keys ?? null })),
  }))
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
