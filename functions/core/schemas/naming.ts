// Topic ↔ subject naming: Confluent's TopicNameStrategy (`<topic>-key`, `<topic>-value`),
// RecordNameStrategy (the record's full name) and TopicRecordNameStrategy (`<topic>-<record>`).
import type { subjectNameStrategies } from '../config.ts'

export type SubjectNameStrategy = (typeof subjectNameStrategies)[number]
export type RecordPart = 'key' | 'value'

/** The subject a topic's key or value schema is registered under; record strategies need the record name. */
export function subjectFor(strategy: SubjectNameStrategy, topic: string, part: RecordPart, recordName?: string): string {
  if (strategy === 'topic') return `${topic}-${part}`
  if (!recordName) throw new Error(`the ${strategy} naming strategy needs the record name`)
  return strategy === 'record' ? recordName : `${topic}-${recordName}`
}

export interface SubjectUse {
  topic: string
  /** key or value (TopicNameStrategy), or the record name (TopicRecordNameStrategy). */
  part: RecordPart | 'record'
  recordName?: string
}

const recordNamePattern = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/

/**
 * The topic a subject's name ties it to, among `topics`: `<topic>-key` / `<topic>-value`, or
 * `<topic>-<record name>` (a dotted or capitalised name after the topic). The longest matching
 * topic wins, so `orders-eu-value` belongs to `orders-eu`, not `orders`. Cost: one set lookup per
 * dash in the subject, whatever the number of topics.
 */
export function topicOfSubject(subject: string, topics: ReadonlySet<string>): SubjectUse | undefined {
  for (let dash = subject.lastIndexOf('-'); dash > 0; dash = subject.lastIndexOf('-', dash - 1)) {
    const topic = subject.slice(0, dash)
    if (!topics.has(topic)) continue
    const rest = subject.slice(dash + 1)
    if (rest === 'key' || rest === 'value') return { topic, part: rest }
    if (recordNamePattern.test(rest) && (rest.includes('.') || /^[A-Z]/.test(rest))) return { topic, part: 'record', recordName: rest }
  }
  return undefined
}
