// A batch of Kafka records → the documents to index plus per-topic counters. Pure: both the
// local consumer and the MSK Lambda handler feed it and then insert what it returns.
import type { RawRecord } from '../kafka/index.ts'
import { decodeForIndex, decodeKeyForIndex, DocumentWriter, headerTexts, statsKind, type IndexSchemaDecoder } from './document.ts'
import { JsonLines } from './json-lines.ts'
import { compileKeepRules, type KeepMatcher } from './keep.ts'
import { type IndexingPlan, type TopicPlan } from './plan.ts'
import { sampled } from './sampling.ts'

export interface TopicCounters {
  seen: number
  indexed: number
  /** Records indexed only because a keep rule matched (the sampler would have dropped them). */
  kept: number
  bytesSeen: number
  bytesIndexed: number
}

export interface PreparedBatch {
  /** The message documents as JSON lines (bytes, ready to send). */
  documents: JsonLines
  /** One line per topic with the batch's counters, stored beside the messages. */
  statsDocuments: Record<string, string | number>[]
  counters: Map<string, TopicCounters>
}

interface CompiledTopic {
  plan: TopicPlan
  keep: KeepMatcher
}

/** The plan compiled once (keep rules → matchers) and looked up per record. */
export class CompiledPlan {
  readonly cluster: string
  readonly #topics = new Map<string, CompiledTopic>()

  constructor(plan: IndexingPlan) {
    this.cluster = plan.cluster
    for (const topic of plan.topics) {
      if (topic.enabled) this.#topics.set(topic.topic, { plan: topic, keep: compileKeepRules(topic.keep) })
    }
  }

  topic(name: string): CompiledTopic | undefined {
    return this.#topics.get(name)
  }

  get topics(): string[] {
    return [...this.#topics.keys()].sort()
  }
}

const recordBytes = (r: RawRecord) => (r.value?.length ?? 0) + (r.key?.length ?? 0)

/**
 * Records of topics the plan does not enable are skipped and not counted. With the cluster's
 * schema decoder (its schemas already loaded for these records), registry-framed keys and values
 * are indexed decoded.
 */
export function prepareBatch(records: Iterable<RawRecord>, plan: CompiledPlan, now = new Date(), schemas?: IndexSchemaDecoder): PreparedBatch {
  const documents = new JsonLines()
  const writer = new DocumentWriter(plan.cluster)
  const counters = new Map<string, TopicCounters>()
  for (const record of records) {
    const topic = plan.topic(record.topic)
    if (!topic) continue
    let c = counters.get(record.topic)
    if (!c) counters.set(record.topic, c = { seen: 0, indexed: 0, kept: 0, bytesSeen: 0, bytesIndexed: 0 })
    const size = recordBytes(record)
    c.seen++
    c.bytesSeen += size
    const rate = topic.plan.sampleRate
    const inSample = sampled(record.key, record.partition, record.offset, rate)
    // Decoding is the costly part: done only for records the sample keeps or a rule might keep.
    if (!inSample && topic.plan.keep.length === 0) continue
    const decodedValue = decodeForIndex(record.value, topic.plan.maxValueBytes, schemas, record.topic)
    const decodedKey = decodeKeyForIndex(record.key, schemas, record.topic)
    const value = decodedValue.text
    const key = decodedKey.text
    const headers = headerTexts(record.headers)
    // Every record matching a rule is indexed, so those count for themselves (rate 1) when
    // counts are scaled back; only the rest stand for 1/rate records each.
    const matchesRule = topic.plan.keep.length > 0 && topic.keep({ key: key.text, value: value.text, headers: headers.map(([, v]) => v) })
    if (!inSample && !matchesRule) continue
    if (!inSample) c.kept++
    const sampleRate = matchesRule ? 1 : rate
    c.indexed++
    c.bytesIndexed += size
    documents.pushLine(writer.line(record, topic.plan, sampleRate, value, key, headers, { key: decodedKey.schema, value: decodedValue.schema }))
  }
  const time = now.toISOString()
  const statsDocuments = [...counters].map(([topic, c]) => ({
    _time: time, _msg: `indexed ${c.indexed} of ${c.seen}`, kind: statsKind, cluster: plan.cluster, topic, ...c,
  }))
  return { documents, statsDocuments, counters }
}
