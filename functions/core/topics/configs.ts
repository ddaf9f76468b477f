// Topic configs as the topic page shows and changes them: with where each value comes from, and
// changes that callers can read back at once.
import { topicNotFound } from '../errors.ts'
import { describeTopicConfigs, incrementalAlterTopicConfigs, type BrokerInfo, type KafkaCluster, type TopicConfigEntry } from '../kafka/index.ts'

export async function topicConfigs(cluster: KafkaCluster, topic: string): Promise<TopicConfigEntry[]> {
  const configs = (await describeTopicConfigs(cluster, [topic])).get(topic)
  if (!configs) throw topicNotFound(topic)
  return configs
}

/** Changes only the named keys (the other overrides stay), then waits until a describe shows it. */
export async function alterTopicConfigs(cluster: KafkaCluster, topic: string, set: Record<string, string>, remove: string[]): Promise<void> {
  await incrementalAlterTopicConfigs(cluster, topic, set, remove)
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

/** Reads one numeric config per topic (e.g. min.insync.replicas) in one batched request (one per broker with `brokers`). */
export async function numericTopicConfig(cluster: KafkaCluster, topics: string[], key: string, brokers?: BrokerInfo[]): Promise<Map<string, number>> {
  const described = await describeTopicConfigs(cluster, topics, [key], brokers)
  const values = new Map<string, number>()
  for (const [topic, entries] of described) {
    const value = Number(entries.find((e) => e.name === key)?.value)
    if (Number.isFinite(value)) values.set(topic, value)
  }
  return values
}

/**
 * What a config change's audit record keeps: the overrides, plus the effective value of every key
 * the change touched, so setting a key that had no override reads "604800000 → 3600000" (the
 * broker default it replaced), not "∅ → 3600000", and deleting one shows the default it fell back to.
 */
export function auditedConfigs(entries: TopicConfigEntry[], touched: string[]): Record<string, string | null> {
  const names = new Set(touched)
  return Object.fromEntries(entries.filter((e) => !e.isDefault || names.has(e.name)).map((e) => [e.name, e.sensitive ? '(sensitive)' : e.value]))
}
