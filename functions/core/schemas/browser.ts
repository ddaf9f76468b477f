// The schema browser: a cluster registry's subjects, versions, schema texts and compatibility
// levels, and which topics use each: by the subject's name (TopicNameStrategy, or
// TopicRecordNameStrategy's `<topic>-<record>`), and by the records this process decoded with the
// schema's id (cheap: noted while decoding; per process, so per Lambda instance on AWS).
import type { SchemaVersionDetail } from './catalog.ts'
import { topicOfSubject, type SubjectUse } from './naming.ts'
import type { ClusterSchemaRegistry } from './registries.ts'

export interface TopicUse {
  topic: string
  /** key / value (TopicNameStrategy), record (TopicRecordNameStrategy), or seen (records decoded with it). */
  part: SubjectUse['part'] | 'seen'
  recordName?: string
}

export interface SchemaOverview {
  registry: 'confluent' | 'glue'
  subjectNameStrategy: string
  compatibility: string
  subjects: { subject: string; usedBy: TopicUse[] }[]
}

export interface SubjectDetail {
  subject: string
  versions: number[]
  compatibility: string
  latest: SchemaVersionDetail
  usedBy: TopicUse[]
}

export interface VersionDetail extends SchemaVersionDetail {
  usedBy: TopicUse[]
}

const byName = (uses: SubjectUse | undefined): TopicUse[] => (uses ? [uses] : [])

/** Topics seen decoded with this version's schema, beyond the one the subject name gives. */
function usedBy(registry: ClusterSchemaRegistry, subject: string, version: SchemaVersionDetail, topics: ReadonlySet<string> | undefined): TopicUse[] {
  const named = topics ? byName(topicOfSubject(subject, topics)) : []
  const id = version.id ?? version.versionId
  const seen = id === undefined ? [] : registry.decoder.topicsSeenWith(id)
  return [...named, ...seen.filter((t) => !named.some((n) => n.topic === t)).map((topic): TopicUse => ({ topic, part: 'seen' }))]
}

export async function schemaOverview(registry: ClusterSchemaRegistry, topics: ReadonlySet<string> | undefined, query?: string): Promise<SchemaOverview> {
  const needle = query?.toLowerCase()
  const [subjects, compatibility] = await Promise.all([registry.catalog.subjects(), registry.catalog.compatibility()])
  return {
    registry: registry.kind,
    subjectNameStrategy: registry.subjectNameStrategy,
    compatibility,
    subjects: subjects
      .filter((s) => !needle || s.toLowerCase().includes(needle))
      .map((subject) => ({ subject, usedBy: topics ? byName(topicOfSubject(subject, topics)) : [] })),
  }
}

export async function subjectDetail(registry: ClusterSchemaRegistry, subject: string, topics: ReadonlySet<string> | undefined): Promise<SubjectDetail> {
  const [versions, latest, compatibility] = await Promise.all([
    registry.catalog.versions(subject),
    registry.catalog.version(subject, 'latest'),
    registry.catalog.compatibility(subject),
  ])
  return { subject, versions, compatibility, latest, usedBy: usedBy(registry, subject, latest, topics) }
}

export async function versionDetail(registry: ClusterSchemaRegistry, subject: string, version: number | 'latest', topics: ReadonlySet<string> | undefined): Promise<VersionDetail> {
  const found = await registry.catalog.version(subject, version)
  return { ...found, usedBy: usedBy(registry, subject, found, topics) }
}
