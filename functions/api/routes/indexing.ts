// The indexing plan (read by viewers, changed by operators, every change audited), per-topic
// records seen vs indexed, and the Vector configuration generated from the plan. On AWS each
// plan change is also carried to the topic's MSK event source mapping (deps.indexingOrchestrator).
import { Hono, type Context } from 'hono'
import { AppError } from '../../core/errors.ts'
import { topicNameSchema } from '../../core/kafka/index.ts'
import { topicDetail } from '../../core/topics/detail.ts'
import { applyTopicInput, indexerGroupId, planDefaults, topicPlanInput, type TopicPlan } from '../../core/indexing/plan.ts'
import { readIndexStats, type TopicIndexStats } from '../../core/indexing/stats.ts'
import { auditedMapping, type MappingChange, type TopicMapping } from '../../core/indexing/orchestrator.ts'
import { toProblem } from '../problem.ts'
import { renderVectorConfig, vectorGroupId } from '../../core/vector/render.ts'
import { audit, audited, auditFollowUp, auditRequest } from '../audit.ts'
import type { IndexingOverview, TopicPlanInput, TopicPlanResult } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/auth.ts'
import { visibleTopics } from '../middleware/access.ts'
import { parseInput, readJson } from '../validation.ts'

const comparable = (t: TopicPlan | undefined) => {
  if (!t) return null
  const { updatedAt: _at, updatedBy: _by, ...rest } = t
  return rest
}

const problemOf = (error: unknown, logError?: (error: unknown) => void) => {
  const problem = toProblem(error, logError)
  return { code: problem.code, detail: problem.detail }
}

/**
 * Carries a plan change to the topic's mapping and audits what it did. The plan is already
 * stored: a mapping that refuses (busy, throttled) is answered as `mappingError` beside it, and
 * the reconciler applies the change on its next run.
 */
async function followPlan(c: Context<AppEnv>, cluster: string, topic: string, change: () => Promise<MappingChange>) {
  try {
    const done = await change()
    if (done.action !== 'none') {
      await auditFollowUp(c, cluster, `indexing.mapping.${done.action}`, topic, { before: auditedMapping(done.before), after: auditedMapping(done.after) })
    }
    return { mapping: done.after, mappingError: null }
  } catch (error: unknown) {
    if (!(error instanceof AppError)) throw error
    return { mapping: null, mappingError: problemOf(error, c.var.deps.logError) }
  }
}

/** With scoped roles, the plan of the topics the principal may view. */
const visiblePlan = <P extends { topics: TopicPlan[] }>(plan: P, visible: ((topic: string) => boolean) | undefined): P =>
  (visible ? { ...plan, topics: plan.topics.filter((t) => visible(t.topic)) } : plan)

export const indexingRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/indexing', async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    const store = deps.planStore
    const visible = visibleTopics(c, cluster.id)
    const plan = visiblePlan(await store.load(cluster.id), visible)
    // The plan is answered even when VictoriaLogs is down; only the counters are missing then.
    let stats = new Map<string, TopicIndexStats>()
    let statsError = null
    try {
      stats = await readIndexStats(deps.logs, cluster.id)
    } catch (error: unknown) {
      statsError = problemOf(error, deps.logError)
    }
    // On AWS, each topic's event source mapping (its state, and the last poll's problem, if any).
    const orchestrator = deps.indexingOrchestrator
    let mappings: TopicMapping[] = []
    let mappingsError = null
    const orchestrated = Boolean(orchestrator && !orchestrator.unmanageable(cluster.config))
    if (orchestrator && orchestrated) {
      try {
        mappings = (await orchestrator.list(cluster.config)).filter((m) => !visible || visible(m.topic))
      } catch (error: unknown) {
        mappingsError = problemOf(error, deps.logError)
      }
    }
    const mappingOf = new Map(mappings.map((m) => [m.topic, m]))
    const planned = new Set(plan.topics.map((t) => t.topic))
    return c.json<IndexingOverview>({
      cluster: cluster.id,
      writable: store.writable,
      orchestrated,
      defaults: planDefaults,
      runners: {
        builtin: { consumerGroup: indexerGroupId(cluster.id) },
        vector: { consumerGroup: vectorGroupId(cluster.id), config: `/api/clusters/${cluster.id}/indexing/vector.yaml` },
      },
      topics: [...plan.topics].sort((a, b) => a.topic.localeCompare(b.topic))
        .map((t) => ({ ...t, stats: stats.get(t.topic) ?? null, mapping: mappingOf.get(t.topic) ?? null })),
      statsError,
      // Mappings of topics no longer in the plan, until they are deleted (the reconciler retries).
      mappingsBeingRemoved: mappings.filter((m) => !planned.has(m.topic)),
      mappingsError,
    })
  })
  .put('/clusters/:cluster/indexing/topics/:topic', audited('indexing.topic.set'), requireRole('operator'), async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    const input = parseInput(topicPlanInput, await readJson(c.req.raw), 'indexing settings') satisfies TopicPlanInput
    // A misspelt topic would stall the indexer's whole subscription: it must exist to be enabled.
    if (input.enabled) await topicDetail(cluster, topic)
    const orchestrator = deps.indexingOrchestrator
    // Before anything is stored: a plan the mappings cannot follow would only mislead.
    const unmanageable = orchestrator?.unmanageable(cluster.config)
    if (unmanageable) throw unmanageable
    const store = deps.planStore
    const { plan, version } = await store.read(cluster.id)
    const before = plan.topics.find((t) => t.topic === topic)
    const after = applyTopicInput(before, topic, input, c.var.principal.name)
    await auditRequest(c, { request: input })
    // Conditioned on the version read: a change made meanwhile answers 409 PLAN_CONFLICT.
    await store.setTopic(cluster.id, topic, after, version)
    await audit(c, { before: comparable(before), after: comparable(after) })
    const mapping = orchestrator
      ? await followPlan(c, cluster.id, topic, () => orchestrator.ensure(cluster.config, after))
      : { mapping: null, mappingError: null }
    return c.json<TopicPlanResult>({ ...after, ...mapping })
  })
  .delete('/clusters/:cluster/indexing/topics/:topic', audited('indexing.topic.remove'), requireRole('operator'), async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    const store = deps.planStore
    const { plan, version } = await store.read(cluster.id)
    const before = plan.topics.find((t) => t.topic === topic)
    if (!before) throw new AppError('NOT_IN_PLAN', `Topic '${topic}' is not in the indexing plan of cluster '${cluster.id}'.`, { status: 404 })
    await auditRequest(c)
    await store.setTopic(cluster.id, topic, null, version)
    await audit(c, { before: comparable(before) })
    // Deleting the mapping (a busy one is deleted by the reconciler; GET lists it meanwhile).
    const orchestrator = deps.indexingOrchestrator
    if (orchestrator && !orchestrator.unmanageable(cluster.config)) await followPlan(c, cluster.id, topic, () => orchestrator.remove(cluster.config, topic))
    return c.body(null, 204)
  })
  .get('/clusters/:cluster/indexing/vector.yaml', requireRole('viewer'), async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    const plan = await deps.planStore.load(cluster.id)
    // Vector may reach VictoriaLogs by another address than this process (another host, a container).
    const text = renderVectorConfig(cluster.config, plan, { victoriaLogsUrl: deps.config.indexing.vectorVictoriaLogsUrl })
    return c.body(text, 200, {
      'content-type': 'text/yaml; charset=utf-8',
      'content-disposition': `inline; filename="vector-${cluster.id}.yaml"`,
      'cache-control': 'no-store',
    })
  })
