// The offset manager: kafka-consumer-groups.sh --reset-offsets parity. A plan is computed first
// (current → new per partition, clamped into the log); applying it needs an empty group.
import { AppError, invalidInput } from '../errors.ts'
import type { KafkaCluster } from './cluster.ts'
import { groupMembers, groupNotFound } from './groups.ts'
import { listPartitionOffsets, listPartitionOffsetsMany, partitionKey, type TopicPartitions } from './offsets.ts'

export const resetStrategies = ['earliest', 'latest', 'offset', 'timestamp', 'shift', 'duration'] as const
export type ResetStrategy = (typeof resetStrategies)[number]

export interface ResetRequest {
  strategy: ResetStrategy
  value?: string | number
  topics?: { topic: string; partitions?: number[] }[]
}

export interface ResetPlanRow {
  topic: string
  partition: number
  currentOffset: string | null
  newOffset: string
  clamped?: 'earliest' | 'latest'
}

export interface ResetPlan {
  plan: ResetPlanRow[]
  warnings: string[]
}

/** ISO-8601 durations as kafka-consumer-groups.sh takes them (PnDTnHnMnS), or plain milliseconds. */
export function parseDurationMs(value: string | number): number {
  if (typeof value === 'number' || /^\d+$/.test(value)) return Number(value)
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(value.trim())
  if (!match || value.trim().toUpperCase() === 'P' || value.trim().toUpperCase().endsWith('T')) {
    throw invalidInput(`value: '${value}' is not a duration (use ISO-8601 like PT1H or P1DT12H, or milliseconds).`)
  }
  const [, d, h, m, s] = match
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0)) * 60_000 + Number(s ?? 0) * 1000
}

/** RFC 3339 or epoch milliseconds. */
export function parseTimestampMs(value: string | number): number {
  if (typeof value === 'number' || /^\d+$/.test(String(value))) return Number(value)
  const ms = Date.parse(value)
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw invalidInput(`value: '${value}' is not an RFC 3339 time or epoch milliseconds.`)
  return ms
}

function parseInt64(value: string | number | undefined, what: string): bigint {
  if (value === undefined || !/^-?\d{1,19}$/.test(String(value))) throw invalidInput(`value: ${what} needs a whole number, got '${value ?? ''}'.`)
  return BigInt(value)
}

async function resolveScope(cluster: KafkaCluster, groupId: string, request: ResetRequest, committed: Map<string, bigint>): Promise<TopicPartitions[]> {
  if (!request.topics || request.topics.length === 0) {
    const byTopic = new Map<string, number[]>()
    for (const key of committed.keys()) {
      const [topic, partition] = key.split('\u0000') as [string, string]
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(partition)])
    }
    if (byTopic.size === 0) throw invalidInput(`Group '${groupId}' has no committed offsets; name the topics to reset.`)
    return [...byTopic].map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) }))
  }
  const metadata = await cluster.fullMetadata()
  return request.topics.map(({ topic, partitions }) => {
    const known = metadata.topics.find((t) => t.name === topic)
    if (!known || known.errorCode !== 0) throw new AppError('TOPIC_NOT_FOUND', `Topic '${topic}' does not exist.`, { status: 404 })
    const all = known.partitions.map((p) => p.partitionIndex).sort((a, b) => a - b)
    const missing = (partitions ?? []).filter((p) => !all.includes(p))
    if (missing.length > 0) throw invalidInput(`topics: ${topic} has no partition ${missing.join(', ')} (it has ${all.length}).`)
    return { topic, partitions: partitions && partitions.length > 0 ? [...new Set(partitions)].sort((a, b) => a - b) : all }
  })
}

async function committedFor(cluster: KafkaCluster, groupId: string): Promise<Map<string, bigint>> {
  const [group] = await cluster.call('Reading committed offsets', (admin) => admin.listConsumerGroupOffsets({ groups: [groupId] }))
  const result = new Map<string, bigint>()
  for (const t of group?.topics ?? []) for (const p of t.partitions) if (p.committedOffset >= 0n) result.set(partitionKey(t.name, p.partitionIndex), p.committedOffset)
  return result
}

export async function planReset(cluster: KafkaCluster, groupId: string, request: ResetRequest, now = Date.now()): Promise<ResetPlan> {
  const groups = await cluster.call('Listing consumer groups', (admin) => admin.listGroups({ types: ['classic', 'consumer'] }))
  if (!groups.has(groupId)) throw groupNotFound(groupId)
  const committed = await committedFor(cluster, groupId)
  const scope = await resolveScope(cluster, groupId, request, committed)
  const { earliest, latest } = await listPartitionOffsetsMany(cluster, scope, { earliest: 'earliest', latest: 'latest' })
  let byTime: Map<string, { offset: string }> | undefined
  if (request.strategy === 'timestamp' || request.strategy === 'duration') {
    if (request.value === undefined) throw invalidInput(`value: the ${request.strategy} strategy needs a value.`)
    const at = request.strategy === 'timestamp' ? parseTimestampMs(request.value) : now - parseDurationMs(request.value)
    byTime = await listPartitionOffsets(cluster, scope, { timestamp: at })
  }
  const fixed = request.strategy === 'offset' ? parseInt64(request.value, 'offset') : undefined
  const shift = request.strategy === 'shift' ? parseInt64(request.value, 'shift') : undefined
  const warnings: string[] = []
  const plan: ResetPlanRow[] = []
  for (const { topic, partitions } of scope) {
    for (const partition of partitions) {
      const key = partitionKey(topic, partition)
      const low = BigInt(earliest.get(key)?.offset ?? '0')
      const high = BigInt(latest.get(key)?.offset ?? '0')
      const current = committed.get(key)
      let target: bigint
      switch (request.strategy) {
        case 'earliest': target = low; break
        case 'latest': target = high; break
        case 'offset': target = fixed as bigint; break
        case 'shift':
          if (current === undefined) {
            warnings.push(`${topic}-${partition}: no committed offset to shift from; left out of the plan.`)
            continue
          }
          target = current + (shift as bigint)
          break
        default: {
          // No record at or after the time: the consumer starts at the end of the log.
          const found = BigInt(byTime?.get(key)?.offset ?? '-1')
          target = found < 0n ? high : found
        }
      }
      const row: ResetPlanRow = { topic, partition, currentOffset: current === undefined ? null : current.toString(), newOffset: target.toString() }
      if (target < low) {
        row.newOffset = low.toString(); row.clamped = 'earliest'
        warnings.push(`${topic}-${partition}: ${target} is before the log start; clamped to the earliest offset ${low}.`)
      } else if (target > high) {
        row.newOffset = high.toString(); row.clamped = 'latest'
        warnings.push(`${topic}-${partition}: ${target} is past the log end; clamped to the latest offset ${high}.`)
      }
      plan.push(row)
    }
  }
  return { plan, warnings }
}

/** Applies a plan; Kafka itself refuses commits for a group with members, so refuse first, by name. */
export async function applyReset(cluster: KafkaCluster, groupId: string, plan: ResetPlanRow[]): Promise<void> {
  const groups = await cluster.call('Listing consumer groups', (admin) => admin.listGroups({ types: ['classic', 'consumer'] }))
  const group = groups.get(groupId)
  if (!group) throw groupNotFound(groupId)
  const members = (await groupMembers(cluster, [{ groupId, type: group.groupType || 'classic' }])).get(groupId) ?? []
  if (members.length > 0) {
    const names = members.map((m) => `${m.clientId} (${m.host}, ${m.memberId})`)
    throw new AppError('GROUP_NOT_EMPTY', `Group '${groupId}' has ${members.length} active member(s): ${names.join('; ')}. Stop them before resetting offsets.`, {
      status: 409, extra: { members: members.map(({ memberId, clientId, host }) => ({ memberId, clientId, host })) },
    })
  }
  const byTopic = new Map<string, { partition: number; offset: bigint }[]>()
  for (const row of plan) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), { partition: row.partition, offset: BigInt(row.newOffset) }])
  await cluster.call(`Resetting offsets of group '${groupId}'`, (admin) => admin.alterConsumerGroupOffsets({
    groupId,
    topics: [...byTopic].map(([name, partitionOffsets]) => ({ name, partitionOffsets })),
  }))
}

export function planToCsv(plan: ResetPlanRow[]): string {
  const lines = ['topic,partition,current_offset,new_offset,clamped']
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
  for (const r of plan) lines.push([cell(r.topic), r.partition, r.currentOffset ?? '', r.newOffset, r.clamped ?? ''].join(','))
  return `${lines.join('\n')}\n`
}
