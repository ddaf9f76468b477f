// Turning indexing on per topic, on demand, where the indexer is not a process of ours (on AWS: one
// MSK event source mapping per topic, functions/aws/msk-mappings.ts). The API makes a topic's
// mapping follow the plan when the plan changes; the reconciler (functions/indexer/reconciler.ts)
// converges whatever drifted since: a mapping deleted by hand, a change refused while one was busy.
import { createHash } from 'node:crypto'
import type { ClusterConfig } from '../config.ts'
import { AppError } from '../errors.ts'
import type { IndexingPlan, TopicPlan } from './plan.ts'

export type { TopicMapping } from '../../contract/indexing.ts'
import type { TopicMapping } from '../../contract/indexing.ts'

/** What an audit record keeps of a mapping (its identity, state and settings). */
export const auditedMapping = (m: TopicMapping | null) => m && {
  id: m.id, state: m.state, consumerGroup: m.consumerGroup, startingPosition: m.startingPosition, batchSize: m.batchSize, batchingWindowSeconds: m.batchingWindowSeconds,
}

export type MappingAction = 'create' | 'enable' | 'disable' | 'update' | 'delete' | 'none'

export interface MappingChange {
  action: MappingAction
  before: TopicMapping | null
  after: TopicMapping | null
}

export interface IndexingOrchestrator {
  /**
   * Makes the topic's mapping follow its plan entry: created when the topic is enabled and has
   * none, enabled or disabled (offsets kept), batch settings updated. A mapping of an earlier
   * generation of the topic (removed and added back before that mapping was gone) is deleted; the
   * new one is created once it is gone. `current` skips the lookup (the reconciler has just listed
   * them all). A busy mapping → MAPPING_BUSY (409, retryable).
   */
  ensure(cluster: ClusterConfig, topic: TopicPlan, current?: TopicMapping | null): Promise<MappingChange>
  /** Deletes the topic's mapping, if it has one. */
  remove(cluster: ClusterConfig, topic: string, current?: TopicMapping | null): Promise<MappingChange>
  /** The mappings this product made for the cluster, by topic. */
  list(cluster: ClusterConfig): Promise<TopicMapping[]>
  /** Why this cluster's mappings cannot be managed (null: they can). */
  unmanageable(cluster: ClusterConfig): AppError | null
}

const groupPrefix = 'kafka-plus-indexer'
/** AWS: 1–200 characters of [a-zA-Z0-9-/*:_+=.@]. */
export const consumerGroupIdLimit = 200

/** Every group of this cluster's mappings starts so (cluster ids cannot hold ':'). */
export const mappingGroupPrefix = (cluster: string) => `${groupPrefix}:${cluster}:`

/**
 * The consumer group of a topic's mapping: one per (cluster, topic, generation), as AWS requires
 * unique group ids per mapping, and new whenever the topic is added to the plan again (plan.ts
 * `generation`): AWS resumes a known group from its committed offsets whatever StartingPosition
 * says, so a topic put back must not find its old group. ':' cannot occur in cluster ids, topic
 * names or generations, so `a`+`b.c` and `a.b`+`c` stay apart and the generation is the part after
 * the topic. A topic name too long for the limit is cut and followed by '@' (never in a topic
 * name) and a hash of the whole name, so cut names cannot collide with each other or with whole
 * ones; the generation is kept whole. Without a generation (plans written before them) the group
 * is the one such mappings were created with.
 */
export function mappingGroupId(cluster: string, topic: string, generation?: string): string {
  const suffix = generation ? `:${generation}` : ''
  const whole = `${mappingGroupPrefix(cluster)}${topic}`
  if (whole.length + suffix.length <= consumerGroupIdLimit) return `${whole}${suffix}`
  const hash = createHash('sha256').update(topic).digest('hex').slice(0, 16)
  return `${whole.slice(0, consumerGroupIdLimit - suffix.length - hash.length - 1)}@${hash}${suffix}`
}

export const mappingBusy = (topic: string, cause?: unknown) => new AppError('MAPPING_BUSY',
  `The event source mapping of topic '${topic}' is busy with an earlier change; the reconciler applies this one on its next run.`,
  { status: 409, retryable: true, cause })

export const mskClusterArnRequired = (cluster: string) => new AppError('MSK_CLUSTER_ARN_REQUIRED',
  `Cluster '${cluster}' has no mskClusterArn in its configuration; indexing on AWS reads it through MSK event source mappings.`, { status: 409 })

/** What a reconciler run did for one cluster. */
export interface ReconcileReport {
  cluster: string
  changes: (MappingChange & { topic: string })[]
  /** Topics whose mapping was busy (or throttled): retried on the next run, not an error. */
  pending: string[]
  errors: { topic: string; code: string; message: string }[]
}

/**
 * Converges the cluster's mappings on its plan: every plan topic's mapping is ensured, every
 * mapping of ours whose topic left the plan is deleted. One topic's failure does not stop the others.
 */
export async function reconcileCluster(cluster: ClusterConfig, plan: IndexingPlan, orchestrator: IndexingOrchestrator): Promise<ReconcileReport> {
  const report: ReconcileReport = { cluster: cluster.id, changes: [], pending: [], errors: [] }
  const mappings = await orchestrator.list(cluster)
  const byTopic = new Map(mappings.map((m) => [m.topic, m]))
  const planned = new Set(plan.topics.map((t) => t.topic))
  const step = async (topic: string, run: () => Promise<MappingChange>) => {
    try {
      const change = await run()
      if (change.action !== 'none') report.changes.push({ topic, ...change })
    } catch (error: unknown) {
      if (error instanceof AppError && error.retryable) report.pending.push(topic)
      else report.errors.push({ topic, code: error instanceof AppError ? error.code : 'INTERNAL', message: error instanceof Error ? error.message : String(error) })
    }
  }
  for (const topic of plan.topics) await step(topic.topic, () => orchestrator.ensure(cluster, topic, byTopic.get(topic.topic) ?? null))
  for (const mapping of mappings) {
    if (!planned.has(mapping.topic)) await step(mapping.topic, () => orchestrator.remove(cluster, mapping.topic, mapping))
  }
  return report
}
