// The offset reset: kafka-consumer-groups.sh --reset-offsets parity. A plan is computed first
// (current → new per partition, clamped into the log); applying it needs an empty group.
import { AppError, invalidInput } from '../errors.ts'
import {
  alterCommittedOffsets, committedOffsets, describeGroupMembers, findTopic, listOffsets, PartitionTable,
  type KafkaCluster, type ListedOffset, type TopicPartitions,
} from '../kafka/index.ts'
import { parseDurationMs, parseInstantMs } from '../time/parse.ts'
import { findGroup } from './list.ts'
import type { ResetPlanRow, ResetRequest, ResetStrategy } from '../../contract/groups.ts'
export type { ResetPlanRow, ResetRequest, ResetStrategy }

export const resetStrategies = ['earliest', 'latest', 'offset', 'timestamp', 'shift', 'duration'] as const satisfies readonly ResetStrategy[]
// The route accepts exactly these: a strategy added to the contract but not here fails to compile.
const _everyStrategyListed: Exclude<ResetStrategy, (typeof resetStrategies)[number]> extends never ? true : never = true

export interface ResetPlan {
  plan: ResetPlanRow[]
  warnings: string[]
}

function parseInt64(value: string | number | undefined, what: string): bigint {
  if (value === undefined || !/^-?\d{1,19}$/.test(String(value))) throw invalidInput(`value: ${what} needs a whole number, got '${value ?? ''}'.`)
  return BigInt(value)
}

async function resolveScope(cluster: KafkaCluster, groupId: string, request: ResetRequest, committed: PartitionTable<bigint>): Promise<TopicPartitions[]> {
  if (!request.topics || request.topics.length === 0) {
    const scope = committed.scope()
    if (scope.length === 0) throw invalidInput(`Group '${groupId}' has no committed offsets; name the topics to reset.`)
    return scope.map(({ topic, partitions }) => ({ topic, partitions: partitions.sort((a, b) => a - b) }))
  }
  const metadata = await cluster.metadata(request.topics.map((t) => t.topic))
  return request.topics.map(({ topic, partitions }) => {
    const known = findTopic(metadata, topic)
    const all = known.partitions.map((p) => p.partition).sort((a, b) => a - b)
    const missing = (partitions ?? []).filter((p) => !all.includes(p))
    if (missing.length > 0) throw invalidInput(`topics: ${topic} has no partition ${missing.join(', ')} (it has ${all.length}).`)
    return { topic, partitions: partitions && partitions.length > 0 ? [...new Set(partitions)].sort((a, b) => a - b) : all }
  })
}

async function committedFor(cluster: KafkaCluster, groupId: string): Promise<PartitionTable<bigint>> {
  const result = new PartitionTable<bigint>()
  for (const c of (await committedOffsets(cluster, [groupId])).get(groupId) ?? []) result.set(c.topic, c.partition, BigInt(c.offset))
  return result
}

export async function planReset(cluster: KafkaCluster, groupId: string, request: ResetRequest, now = Date.now()): Promise<ResetPlan> {
  await findGroup(cluster, groupId)
  const committed = await committedFor(cluster, groupId)
  const scope = await resolveScope(cluster, groupId, request, committed)
  const { earliest, latest } = await listOffsets(cluster, scope, { earliest: 'earliest', latest: 'latest' })
  let byTime: PartitionTable<ListedOffset> | undefined
  if (request.strategy === 'timestamp' || request.strategy === 'duration') {
    if (request.value === undefined) throw invalidInput(`value: the ${request.strategy} strategy needs a value.`)
    const at = request.strategy === 'timestamp' ? parseInstantMs(request.value, 'value') : now - parseDurationMs(request.value, 'value')
    byTime = (await listOffsets(cluster, scope, { byTime: { timestamp: at } })).byTime
  }
  const fixed = request.strategy === 'offset' ? parseInt64(request.value, 'offset') : undefined
  const shift = request.strategy === 'shift' ? parseInt64(request.value, 'shift') : undefined
  const warnings: string[] = []
  const plan: ResetPlanRow[] = []
  for (const { topic, partitions } of scope) {
    for (const partition of partitions) {
      const low = BigInt(earliest.get(topic, partition)?.offset ?? '0')
      const high = BigInt(latest.get(topic, partition)?.offset ?? '0')
      const current = committed.get(topic, partition)
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
          const found = BigInt(byTime?.get(topic, partition)?.offset ?? '-1')
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
  const group = await findGroup(cluster, groupId)
  const members = (await describeGroupMembers(cluster, [group])).get(groupId) ?? []
  if (members.length > 0) {
    const names = members.map((m) => `${m.clientId} (${m.host}, ${m.memberId})`)
    throw new AppError('GROUP_NOT_EMPTY', `Group '${groupId}' has ${members.length} active member(s): ${names.join('; ')}. Stop them before resetting offsets.`, {
      status: 409, extra: { members: members.map(({ memberId, clientId, host }) => ({ memberId, clientId, host })) },
    })
  }
  await alterCommittedOffsets(cluster, groupId, plan.map(({ topic, partition, newOffset }) => ({ topic, partition, offset: newOffset })))
}

export function planToCsv(plan: ResetPlanRow[]): string {
  const lines = ['topic,partition,current_offset,new_offset,clamped']
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
  for (const r of plan) lines.push([cell(r.topic), r.partition, r.currentOffset ?? '', r.newOffset, r.clamped ?? ''].join(','))
  return `${lines.join('\n')}\n`
}
