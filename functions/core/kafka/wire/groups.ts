// Consumer groups of both protocols (classic and KIP-848 `consumer`): listing, members,
// committed offsets, and changing them.
import { FindCoordinatorKeyTypes } from './client.ts'
import type { CommittedOffset, GroupListing, GroupMemberInfo } from '../types.ts'
import { wireOf, type KafkaCluster } from './connection.ts'
import { consumerGroupDescribeV0, type ConsumerGroupV0 } from './consumer-group-describe-v0.ts'

export async function listGroups(cluster: KafkaCluster): Promise<GroupListing[]> {
  // Without a type filter the client asks for classic groups only; KIP-848 groups must be named.
  const groups = await wireOf(cluster).call('Listing consumer groups', (admin) => admin.listGroups({ types: ['classic', 'consumer'] }))
  return [...groups.values()].map((g) => ({ groupId: g.id, state: g.state, type: g.groupType || 'classic', protocolType: g.protocolType }))
}

/** Describes KIP-848 groups, asking each group's coordinator. */
export async function describeConsumerProtocolGroups(cluster: KafkaCluster, groupIds: string[]): Promise<Map<string, ConsumerGroupV0>> {
  const result = new Map<string, ConsumerGroupV0>()
  if (groupIds.length === 0) return result
  const wire = wireOf(cluster)
  try {
    const coordinators = await wire.admin().findCoordinator({ keyType: FindCoordinatorKeyTypes.GROUP, keys: groupIds })
    const byBroker = new Map<string, { host: string; port: number; groups: string[] }>()
    for (const c of coordinators) {
      const key = `${c.host}:${c.port}`
      const entry = byBroker.get(key) ?? { host: c.host, port: c.port, groups: [] }
      entry.groups.push(c.key)
      byBroker.set(key, entry)
    }
    await Promise.all([...byBroker.values()].map(async (broker) => {
      const groups = await wire.send<ConsumerGroupV0[]>(broker, (connection, callback) => consumerGroupDescribeV0(connection, broker.groups, false, callback))
      for (const group of groups) result.set(group.groupId, group)
    }))
    return result
  } catch (error: unknown) {
    throw wire.mapError(error, 'Describing consumer groups')
  }
}

/** Members of each group, whatever its protocol; one batched request per protocol. */
export async function describeGroupMembers(cluster: KafkaCluster, groups: { groupId: string; type: string }[]): Promise<Map<string, GroupMemberInfo[]>> {
  const members = new Map<string, GroupMemberInfo[]>()
  const classic = groups.filter((g) => g.type !== 'consumer').map((g) => g.groupId)
  const consumer = groups.filter((g) => g.type === 'consumer').map((g) => g.groupId)
  const [classicDescribed, consumerDescribed] = await Promise.all([
    classic.length ? wireOf(cluster).call('Describing consumer groups', (admin) => admin.describeGroups({ groups: classic })) : new Map(),
    describeConsumerProtocolGroups(cluster, consumer),
  ])
  for (const [id, group] of classicDescribed) {
    members.set(id, [...group.members.values()].map((m) => ({
      memberId: m.id, clientId: m.clientId, host: m.clientHost,
      assignments: [...(m.assignments?.values() ?? [])].map((a) => ({ topic: a.topic, partitions: [...a.partitions].sort((x, y) => x - y) })),
    })))
  }
  for (const [id, group] of consumerDescribed) {
    members.set(id, group.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost, assignments: m.assignment })))
  }
  return members
}

/**
 * Groups per listConsumerGroupOffsets call: the client matches every coordinator's group against
 * every requested group (quadratic: 45,000 groups in one call took 35 s on the bench's loaded machine, in chunks of 1,000 about 5).
 */
const offsetFetchChunk = 1000

/** Committed offsets per group (one OffsetFetch per coordinator and chunk); partitions without a commit are left out. */
export async function committedOffsets(cluster: KafkaCluster, groupIds: string[]): Promise<Map<string, CommittedOffset[]>> {
  const result = new Map<string, CommittedOffset[]>()
  if (groupIds.length === 0) return result
  const chunks: string[][] = []
  for (let i = 0; i < groupIds.length; i += offsetFetchChunk) chunks.push(groupIds.slice(i, i + offsetFetchChunk))
  const groups = (await Promise.all(chunks.map((chunk) => wireOf(cluster).call('Reading committed offsets', (admin) => admin.listConsumerGroupOffsets({ groups: chunk }))))).flat()
  for (const group of groups) {
    result.set(group.groupId, group.topics.flatMap((t) => t.partitions
      .filter((p) => p.committedOffset >= 0n)
      .map((p) => ({ topic: t.name, partition: p.partitionIndex, offset: p.committedOffset.toString() }))))
  }
  return result
}

/** Commits the given offsets for the group (Kafka refuses while the group has members). */
export async function alterCommittedOffsets(cluster: KafkaCluster, groupId: string, offsets: CommittedOffset[]): Promise<void> {
  const byTopic = new Map<string, { partition: number; offset: bigint }[]>()
  for (const o of offsets) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), { partition: o.partition, offset: BigInt(o.offset) }])
  await wireOf(cluster).call(`Resetting offsets of group '${groupId}'`, (admin) => admin.alterConsumerGroupOffsets({
    groupId,
    topics: [...byTopic].map(([name, partitionOffsets]) => ({ name, partitionOffsets })),
  }))
}
