// The Vector orchestrator: the indexing plan of one cluster → a vector.yaml that does what the
// built-in indexer does. kafka source → route by topic → sample (key_field; keep rules as
// `exclude`) → remap (document shape) → elasticsearch sink into VictoriaLogs'
// /insert/elasticsearch/, with end-to-end acknowledgements so Kafka offsets are committed only
// after VictoriaLogs accepted the events: accepted, not yet on disk, and Vector cannot wait for
// that (the header says so, and how to recover). Component ids carry the cluster id, so the files of
// several clusters can sit in one --config-dir. Secrets are never written: the SASL password is
// an environment variable reference that Vector resolves at start.
import type { ClusterConfig } from '../config.ts'
import { AppError } from '../errors.ts'
import { streamFields } from '../indexing/document.ts'
import { enabledTopics, type IndexingPlan } from '../indexing/plan.ts'
import { toYaml, type YamlValue } from './yaml.ts'
import { escapeInterpolation, keepCondition, shapeProgram, topicCondition } from './vrl.ts'

export interface VectorRenderOptions {
  /** VictoriaLogs as Vector reaches it (may differ from what this process uses). */
  victoriaLogsUrl: string
}

type Mapping = { [key: string]: YamlValue | undefined }

export const vectorGroupId = (cluster: string) => `kafka-plus-vector-${cluster}`

/** The environment variable Vector must have for a SASL cluster's password. */
export const saslPasswordVariable = (cluster: string) => `KAFKA_PLUS_SASL_PASSWORD_${cluster.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`

function kafkaSecurity(cluster: ClusterConfig): Mapping {
  const out: Mapping = {}
  const { tls, sasl } = cluster
  if (tls) {
    const options: Mapping = { enabled: true }
    if (typeof tls === 'object') {
      if (tls.ca) options.ca_file = tls.ca
      if (tls.rejectUnauthorized === false) options.verify_certificate = false
      if (tls.servername) options.server_name = tls.servername
    }
    out.tls = options
  }
  if (sasl) {
    if (sasl.mechanism === 'AWS_MSK_IAM') {
      throw new AppError('VECTOR_UNSUPPORTED', `Cluster '${cluster.id}' uses MSK IAM authentication, which Vector's kafka source cannot sign; `
        + 'index it with the built-in indexer (the MSK event source mapping) instead.', { status: 409 })
    }
    out.sasl = { enabled: true, mechanism: sasl.mechanism, username: sasl.username, password: `\${${saslPasswordVariable(cluster.id)}}` }
  }
  return out
}

export function vectorConfig(cluster: ClusterConfig, plan: IndexingPlan, options: VectorRenderOptions): Mapping {
  const topics = enabledTopics(plan)
  const id = (name: string) => `kafka_plus_${cluster.id}_${name}`
  if (topics.length === 0) return { sources: {}, transforms: {}, sinks: {} }
  const source: Mapping = {
    type: 'kafka',
    bootstrap_servers: cluster.brokers.join(','),
    group_id: vectorGroupId(cluster.id),
    topics: topics.map((t) => t.topic),
    auto_offset_reset: 'earliest',
    decoding: { codec: 'bytes' },
    key_field: 'message_key',
    headers_key: 'headers',
    topic_key: 'topic',
    partition_key: 'partition',
    offset_key: 'offset',
    ...kafkaSecurity(cluster),
  }
  const transforms: Mapping = {
    [id('route')]: {
      type: 'route',
      inputs: [id('kafka')],
      route: Object.fromEntries(topics.map((t, i) => [`t${i}`, topicCondition(t.topic)])),
    },
  }
  const shapes: string[] = []
  topics.forEach((t, i) => {
    let input = `${id('route')}.t${i}`
    if (t.sampleRate < 1) {
      transforms[id(`t${i}_sample`)] = {
        type: 'sample',
        inputs: [input],
        ratio: t.sampleRate,
        key_field: 'message_key',
        // The rate is written by the remap step instead (1 for records a keep rule kept).
        sample_rate_key: '',
        ...(t.keep.length > 0 ? { exclude: { type: 'vrl', source: keepCondition(t.keep) } } : {}),
      }
      input = id(`t${i}_sample`)
    }
    transforms[id(`t${i}_shape`)] = {
      type: 'remap',
      inputs: [input],
      source: shapeProgram({ cluster: cluster.id, sampleRate: t.sampleRate, keep: t.keep, maxValueBytes: t.maxValueBytes, extractFields: t.extractFields }),
    }
    shapes.push(id(`t${i}_shape`))
  })
  return {
    sources: { [id('kafka')]: source },
    transforms,
    sinks: {
      [id('victorialogs')]: {
        type: 'elasticsearch',
        inputs: shapes,
        endpoints: [`${options.victoriaLogsUrl.replace(/\/+$/, '')}/insert/elasticsearch/`],
        api_version: 'v8',
        mode: 'bulk',
        compression: 'gzip',
        healthcheck: { enabled: false },
        query: { _msg_field: 'message', _time_field: 'timestamp', _stream_fields: streamFields.join(',') },
        acknowledgements: { enabled: true },
      },
    },
  }
}

/**
 * Where Vector cannot give the built-in indexer's guarantee (offsets committed only for records on
 * VictoriaLogs' disk): its kafka source commits on the sink's acknowledgement, which VictoriaLogs
 * gives before its flush, and no option delays the commit. Said in the file, with the way back.
 */
function durabilityNote(cluster: string): string[] {
  return [
    'Durability: Vector commits Kafka offsets when VictoriaLogs acknowledges a write, and VictoriaLogs',
    'acknowledges before -inmemoryDataFlushInterval (default 5s) puts the rows on disk. Vector cannot delay',
    'the commit, so a VictoriaLogs crash (SIGKILL, OOM, power loss) can lose the records of the last',
    '2 x that interval + 2 s although their offsets are committed. The built-in indexer has no such gap.',
    `After such a crash: stop Vector, reset group ${vectorGroupId(cluster)} by timestamp to the crash time`,
    'minus 20 s (Kafka Plus: Consumer groups > Reset offsets), start Vector: that window is indexed again,',
    'some records twice.',
  ]
}

export function renderVectorConfig(cluster: ClusterConfig, plan: IndexingPlan, options: VectorRenderOptions): string {
  const topics = enabledTopics(plan)
  const header = [
    `Vector configuration for Kafka Plus cluster '${cluster.id}', generated from its indexing plan.`,
    'Do not edit: it is rewritten whenever the plan changes. Run: vector --config-dir <this folder> --watch-config',
    ...(cluster.sasl && cluster.sasl.mechanism !== 'AWS_MSK_IAM' ? [`Needs ${saslPasswordVariable(cluster.id)} in Vector's environment (the SASL password).`] : []),
    '',
    ...durabilityNote(cluster.id),
    '',
    ...(topics.length === 0
      ? ['No topic of this cluster is enabled for indexing: nothing to collect.']
      : topics.map((t, i) => `t${i} ${t.topic}: sample ${t.sampleRate}${t.keep.length ? `, keep ${t.keep.join(' | ')}` : ''}, values up to ${t.maxValueBytes} B, ${t.extractFields} JSON fields`)),
  ]
  // Vector interpolates $VAR even inside comments, and keep rules may contain "$".
  return toYaml(vectorConfig(cluster, plan, options), { header: header.map((line) => escapeInterpolation(line.replaceAll('\n', ' '))) })
}
