// The indexing plan (read by viewers, changed by operators, every change audited), per-topic
// records seen vs indexed, and the Vector configuration generated from the plan.
import { Hono } from 'hono'
import { AppError } from '../../core/errors.ts'
import { topicNameSchema } from '../../core/kafka/index.ts'
import { topicDetail } from '../../core/topics/detail.ts'
import { applyTopicInput, indexerGroupId, planDefaults, topicPlanInput, type TopicPlan } from '../../core/indexing/plan.ts'
import { readIndexStats, type TopicIndexStats } from '../../core/indexing/stats.ts'
import { toProblem } from '../problem.ts'
import { renderVectorConfig, vectorGroupId } from '../../core/vector/render.ts'
import { audit } from '../audit.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/auth.ts'
import { visibleTopics } from '../middleware/access.ts'
import { parseInput, readJson } from '../validation.ts'

const comparable = (t: TopicPlan | undefined) => {
  if (!t) return null
  const { updatedAt: _at, updatedBy: _by, ...rest } = t
  return rest
}

/** With scoped roles, the plan of the topics the principal may view. */
const visiblePlan = <P extends { topics: TopicPlan[] }>(plan: P, visible: ((topic: string) => boolean) | undefined): P =>
  (visible ? { ...plan, topics: plan.topics.filter((t) => visible(t.topic)) } : plan)

export const indexingRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/indexing', async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    const store = deps.planStore
    const plan = visiblePlan(await store.load(cluster.id), visibleTopics(c, cluster.id))
    // The plan is answered even when VictoriaLogs is down; only the counters are missing then.
    let stats = new Map<string, TopicIndexStats>()
    let statsError = null
    try {
      stats = await readIndexStats(deps.logs, cluster.id)
    } catch (error: unknown) {
      const problem = toProblem(error, deps.logError)
      statsError = { code: problem.code, detail: problem.detail }
    }
    return c.json({
      cluster: cluster.id,
      writable: store.writable,
      defaults: planDefaults,
      runners: {
        builtin: { consumerGroup: indexerGroupId(cluster.id) },
        vector: { consumerGroup: vectorGroupId(cluster.id), config: `/api/clusters/${cluster.id}/indexing/vector.yaml` },
      },
      topics: [...plan.topics].sort((a, b) => a.topic.localeCompare(b.topic)).map((t) => ({ ...t, stats: stats.get(t.topic) ?? null })),
      statsError,
    })
  })
  .put('/clusters/:cluster/indexing/topics/:topic', requireRole('operator'), async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    const input = parseInput(topicPlanInput, await readJson(c.req.raw), 'indexing settings')
    // A misspelt topic would stall the indexer's whole subscription: it must exist to be enabled.
    if (input.enabled) await topicDetail(cluster, topic)
    const store = deps.planStore
    const plan = await store.load(cluster.id)
    const before = plan.topics.find((t) => t.topic === topic)
    const after = applyTopicInput(before, topic, input, c.var.principal.name)
    await store.save({ cluster: cluster.id, topics: [...plan.topics.filter((t) => t.topic !== topic), after] })
    await audit(c, cluster.id, 'indexing.topic.set', topic, { before: comparable(before), after: comparable(after) })
    return c.json(after)
  })
  .delete('/clusters/:cluster/indexing/topics/:topic', requireRole('operator'), async (c) => {
    const { deps } = c.var
    const cluster = deps.kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    const store = deps.planStore
    const plan = await store.load(cluster.id)
    const before = plan.topics.find((t) => t.topic === topic)
    if (!before) throw new AppError('NOT_IN_PLAN', `Topic '${topic}' is not in the indexing plan of cluster '${cluster.id}'.`, { status: 404 })
    await store.save({ cluster: cluster.id, topics: plan.topics.filter((t) => t.topic !== topic) })
    await audit(c, cluster.id, 'indexing.topic.remove', topic, { before: comparable(before) })
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
