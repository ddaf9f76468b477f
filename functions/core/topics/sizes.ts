// Topic sizes for the topic list: the bytes (all replicas) of the latest storage sample, read from
// VictoriaLogs in one query. The list stays usable without them: a failure becomes a note.
import { latestSample, num, str, streamFilter } from '../storage/store.ts'
import { exactFilter, type VictoriaLogsClient } from '../victorialogs/index.ts'

/** Reads the sizes of `topics` (all topics of the sample when undefined). */
export type TopicSizeReader = (topics: string[] | undefined) => Promise<{ sampledAt: string | null; bytes: Map<string, number | null> }>

// Beyond this many names one query for every topic of the sample is smaller than the name list.
const maxNamedTopics = 200

export function sampledTopicSizes(logs: VictoriaLogsClient, cluster: string): TopicSizeReader {
  return async (topics) => {
    const sample = await latestSample(logs, cluster)
    const bytes = new Map<string, number | null>()
    if (!sample || (topics !== undefined && topics.length === 0)) return { sampledAt: sample?.sampledAt ?? null, bytes }
    const named = topics !== undefined && topics.length <= maxNamedTopics ? topics : undefined
    const at = new Date(sample.sampledAt).getTime()
    const query = `${streamFilter(cluster, 'topic', named)} ${exactFilter('sampleId', sample.id)} | fields topic, bytes`
    const rows = logs.queryRows(query, { start: new Date(at - 1_000).toISOString(), end: new Date(at + 1_000).toISOString(), timeout: '20s' })
    // A sample whose log-dir sizes were refused has topic rows without meaningful bytes.
    for await (const row of rows) bytes.set(str(row.topic), sample.logDirsRefused ? null : num(row.bytes))
    return { sampledAt: sample.sampledAt, bytes }
  }
}
