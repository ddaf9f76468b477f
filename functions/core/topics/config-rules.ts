// Topic configs Kafka accepts but that break the topic for its producers, refused with a reason
// before anything is sent. Kafka validates each value alone; these rules relate values.
import { AppError } from '../errors.ts'

export interface TopicConfigFacts {
  /** Replicas per partition (the smallest, if partitions differ). */
  replicationFactor: number
  /** The configs being set (create) or changed (alter). */
  configs: Record<string, string>
}

export function topicConfigProblems({ replicationFactor, configs }: TopicConfigFacts): string[] {
  const problems: string[] = []
  const minIsr = configs['min.insync.replicas']
  // A value that is no whole number is left to Kafka's own validation, which names it.
  if (minIsr !== undefined && /^\s*\d+\s*$/.test(minIsr) && Number(minIsr) > replicationFactor) {
    problems.push(`min.insync.replicas=${minIsr.trim()} is above the replication factor ${replicationFactor}: producers with acks=all could never write (NOT_ENOUGH_REPLICAS). Use at most ${replicationFactor}.`)
  }
  return problems
}

/** Throws INVALID_TOPIC_CONFIG (400) naming every problem. */
export function checkTopicConfigRules(facts: TopicConfigFacts): void {
  const problems = topicConfigProblems(facts)
  if (problems.length > 0) throw new AppError('INVALID_TOPIC_CONFIG', problems.join(' '), { status: 400, extra: { problems } })
}
