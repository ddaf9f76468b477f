// What a history search can find: only the topics in the indexing plan, each at its sampling
// rate. Without this, a record sampled out and a topic never indexed both read "no match".
import type { IndexingPlan } from '../indexing/plan.ts'
import type { SearchCoverage } from '../../contract/search.ts'
export type { SearchCoverage }

/** Topic names listed as not indexed; a cluster with thousands of topics says how many more. */
export const notIndexedCap = 200

const internalName = (name: string) => name.startsWith('__')

/**
 * The plan's topics against the cluster's: indexed (with rate and keep rules), paused, and the
 * Kafka topics (not internal) outside the plan. `visible` narrows all three (scoped roles).
 */
export function searchCoverage(plan: IndexingPlan, kafkaTopics: { name: string; internal: boolean }[], visible?: (topic: string) => boolean): SearchCoverage {
  const sees = (topic: string) => !visible || visible(topic)
  const planned = plan.topics.filter((t) => sees(t.topic)).sort((a, b) => a.topic.localeCompare(b.topic))
  const inPlan = new Set(planned.map((t) => t.topic))
  const outside = kafkaTopics
    .filter((t) => !t.internal && !internalName(t.name) && !inPlan.has(t.name) && sees(t.name))
    .map((t) => t.name)
    .sort((a, b) => a.localeCompare(b))
  return {
    indexed: planned.filter((t) => t.enabled).map((t) => ({ topic: t.topic, sampleRate: t.sampleRate, keepRules: t.keep.length, updatedAt: t.updatedAt })),
    paused: planned.filter((t) => !t.enabled).map((t) => t.topic),
    notIndexed: outside.slice(0, notIndexedCap),
    notIndexedTotal: outside.length,
  }
}
