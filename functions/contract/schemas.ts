// The schema browser (functions/core/schemas/browser.ts): a cluster registry's subjects, versions,
// schema texts, compatibility levels and the topics that use each subject.
import type { SchemaType } from './messages.ts'

/** A topic using a subject: by its name (key / value under TopicNameStrategy, record under TopicRecordNameStrategy), or seen decoded with it. */
export interface SchemaTopicUse {
  topic: string
  part: 'key' | 'value' | 'record' | 'seen'
  recordName?: string
}

/** GET /api/clusters/{c}/schemas?q= */
export interface SchemaOverview {
  registry: 'confluent' | 'glue'
  subjectNameStrategy: string
  /** The registry's global compatibility level. */
  compatibility: string
  subjects: { subject: string; usedBy: SchemaTopicUse[] }[]
}

export interface SchemaReference {
  name: string
  subject: string
  version: number
}

/** GET …/schemas/subjects/{s}/versions/{v|latest} */
export interface SchemaVersionDetail {
  subject: string
  version: number
  /** Confluent: the schema id. */
  id?: number
  /** Glue: the schema version UUID. */
  versionId?: string
  type: SchemaType
  /** The schema text as registered. */
  schema: string
  references: SchemaReference[]
  usedBy: SchemaTopicUse[]
}

/** GET …/schemas/subjects/{s} */
export interface SubjectDetail {
  subject: string
  versions: number[]
  /** The subject's level, or the global one when it has none of its own. */
  compatibility: string
  latest: Omit<SchemaVersionDetail, 'usedBy'>
  usedBy: SchemaTopicUse[]
}

/** GET …/schemas/ids/{id}: a subject and version registered with a schema id (Confluent) or schema version UUID (Glue). */
export interface SchemaOwner {
  id: string
  subject: string
  version: number
}
