// Topic configs: DescribeConfigs (with where each value comes from) and IncrementalAlterConfigs,
// which changes only the named keys and never wipes the other overrides (unlike AlterConfigs).
import { ConfigResourceTypes, ConfigSources, IncrementalAlterConfigOperationTypes } from '@platformatic/kafka'
import { topicNotFound } from '../errors.ts'
import type { KafkaCluster } from './cluster.ts'

export interface TopicConfigEntry {
  name: string
  value: string | null
  /** Where the value comes from: TOPIC_CONFIG (an override), STATIC_BROKER_CONFIG, DEFAULT_CONFIG, ... */
  source: string
  isDefault: boolean
  sensitive: boolean
  readOnly: boolean
}

const sourceNames = new Map<number, string>(Object.entries(ConfigSources).map(([name, id]) => [id as number, name]))

export async function describeTopicConfigs(cluster: KafkaCluster, topics: string[], keys?: string[]): Promise<Map<string, TopicConfigEntry[]>> {
  const result = new Map<string, TopicConfigEntry[]>()
  if (topics.length === 0) return result
  const described = await cluster.call('Describing topic configs', (admin) => admin.describeConfigs({
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

export async function topicConfigs(cluster: KafkaCluster, topic: string): Promise<TopicConfigEntry[]> {
  const configs = (await describeTopicConfigs(cluster, [topic])).get(topic)
  if (!configs) throw topicNotFound(topic)
  return configs
}

export async function alterTopicConfigs(cluster: KafkaCluster, topic: string, set: Record<string, string>, remove: string[]): Promise<void> {
  const configs = [
    ...Object.entries(set).map(([name, value]) => ({ name, value, configOperation: IncrementalAlterConfigOperationTypes.SET })),
    ...remove.map((name) => ({ name, value: null, configOperation: IncrementalAlterConfigOperationTypes.DELETE })),
  ]
  await cluster.call(`Changing configs of topic '${topic}'`, (admin) => admin.incrementalAlterConfigs({
    resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configs }],
  }))
  await untilVisible(cluster, topic, set, remove)
}

/**
 * The change reaches the broker's config cache through the metadata log a moment after the
 * controller accepted it; wait (briefly) until a describe shows it, so callers read their own write.
 */
async function untilVisible(cluster: KafkaCluster, topic: string, set: Record<string, string>, remove: string[], timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const current = new Map((await topicConfigs(cluster, topic)).map((c) => [c.name, c]))
    const applied = Object.entries(set).every(([name, value]) => current.get(name)?.sensitive || current.get(name)?.value === value)
      && remove.every((name) => current.get(name)?.isDefault !== false)
    if (applied || Date.now() > deadline) return
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Reads one numeric config per topic (e.g. min.insync.replicas) in one batched request. */
export async function numericTopicConfig(cluster: KafkaCluster, topics: string[], key: string): Promise<Map<string, number>> {
  const described = await describeTopicConfigs(cluster, topics, [key])
  const values = new Map<string, number>()
  for (const [topic, entries] of described) {
    const value = Number(entries.find((e) => e.name === key)?.value)
    if (Number.isFinite(value)) values.set(topic, value)
  }
  return values
}
