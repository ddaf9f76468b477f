// The generated vector.yaml, parsed by a real YAML parser and checked against Vector's option
// reference (../shared/vector-reference) for several plans: the stand-in for `vector validate`.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { ClusterConfig } from '../config.ts'
import type { IndexingPlan, TopicPlan } from '../indexing/plan.ts'
import { checkVectorConfig, loadReference } from './reference-check.ts'
import { renderVectorConfig, saslPasswordVariable, vectorConfig } from './render.ts'

const repoRoot = resolve(import.meta.dirname, '..', '..', '..')
const referenceDir = process.env.VECTOR_REFERENCE_DIR ?? resolve(repoRoot, '..', 'shared', 'vector-reference')
const reference = loadReference(referenceDir)
const vl = { victoriaLogsUrl: 'http://127.0.0.1:9428' }

const plain: ClusterConfig = { id: 'local', name: 'local', brokers: ['127.0.0.1:9092'] }
const secured: ClusterConfig = {
  id: 'prod-eu', name: 'Production', brokers: ['b-1.example:9096', 'b-2.example:9096'],
  tls: { ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', servername: 'kafka.example', rejectUnauthorized: false },
  sasl: { mechanism: 'SCRAM-SHA-512', username: 'indexer', password: 'never-written' },
}

const topic = (name: string, extra: Partial<TopicPlan> = {}): TopicPlan => ({
  topic: name, enabled: true, sampleRate: 1, keep: [], maxValueBytes: 32768, extractFields: 20,
  updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'test', ...extra,
})
const plan = (cluster: string, topics: TopicPlan[]): IndexingPlan => ({ cluster, topics })

function check(cluster: ClusterConfig, p: IndexingPlan) {
  const text = renderVectorConfig(cluster, p, vl)
  const parsed: unknown = parse(text)
  // What was written is what was meant: the YAML round-trips to the config object.
  expect(parsed).toEqual(JSON.parse(JSON.stringify(vectorConfig(cluster, p, vl))))
  return { text, parsed: parsed as Record<string, Record<string, Record<string, unknown>>>, errors: checkVectorConfig(parsed, reference) }
}

describe('the reference check itself', () => {
  it('accepts the reference folder\'s hand-written example', () => {
    const example = parse(readFileSync(join(referenceDir, 'example-victorialogs.yaml'), 'utf8')) as unknown
    expect(checkVectorConfig(example, reference)).toEqual([])
  })

  it('catches unknown options, wrong types, bad enums, missing required keys and dangling inputs', () => {
    const broken = {
      data_dirr: '/tmp',
      sources: { k: { type: 'kafka', bootstrap_servers: 'x:9092', group_id: 'g', topics: 'not-a-list', decoding: { codec: 'yaml' } } },
      transforms: { s: { type: 'sample', inputs: ['nope'], rate: 10, ratio: 0.5, key_fieldd: 'k' } },
      sinks: { o: { type: 'elasticsearch', inputs: ['s'], endpoints: ['http://x'], api_version: 'v9', compression: 7 } },
    }
    const errors = checkVectorConfig(broken, reference).join('\n')
    expect(errors).toContain('data_dirr: unknown option')
    expect(errors).toContain('sources.k.topics: expected array')
    expect(errors).toContain('sources.k.decoding.codec: expected enum')
    expect(errors).toContain('transforms.s.key_fieldd: unknown option')
    expect(errors).toContain('exactly one of rate, ratio')
    expect(errors).toContain('no component or output named nope')
    expect(errors).toContain('sinks.o.api_version: expected enum')
    expect(errors).toContain('sinks.o.compression: expected')
    const missing = checkVectorConfig({ sources: { k: { type: 'kafka', bootstrap_servers: 'x:9092' } } }, reference).join('\n')
    expect(missing).toContain('sources.k.group_id: required option missing')
    expect(missing).toContain('sources.k.topics: required option missing')
    expect(checkVectorConfig({ transforms: { s: { type: 'sample', inputs: [], ratio: 1.5 } } }, reference).join('\n')).toContain('must be in (0, 1]')
  })
})

describe('generated vector.yaml', () => {
  it('with no topic enabled: a valid, empty pipeline', () => {
    const { parsed, errors, text } = check(plain, plan('local', [topic('off', { enabled: false })]))
    expect(errors).toEqual([])
    expect(parsed).toEqual({ sources: {}, transforms: {}, sinks: {} })
    expect(text).toContain('No topic of this cluster is enabled')
  })

  it('with one topic at rate 1: kafka → route → remap → VictoriaLogs, acknowledgements on, no sampler', () => {
    const { parsed, errors } = check(plain, plan('local', [topic('orders')]))
    expect(errors).toEqual([])
    expect(parsed.sources?.kafka_plus_local_kafka).toMatchObject({ type: 'kafka', topics: ['orders'], group_id: 'kafka-plus-vector-local', key_field: 'message_key' })
    expect(Object.keys(parsed.transforms ?? {})).toEqual(['kafka_plus_local_route', 'kafka_plus_local_t0_shape'])
    expect(parsed.sinks?.kafka_plus_local_victorialogs).toMatchObject({
      type: 'elasticsearch', endpoints: ['http://127.0.0.1:9428/insert/elasticsearch/'], acknowledgements: { enabled: true },
      query: { _msg_field: 'message', _time_field: 'timestamp', _stream_fields: 'kind,cluster,topic' },
    })
  })

  it('with many topics, rates and keep rules: one sampler per sampled topic, keyed, keep rules as exclude', () => {
    const { parsed, errors } = check(plain, plan('local', [
      topic('payments', { sampleRate: 0.1, keep: ['ERROR', '/time ?out/i', "it's $HOME \\ \"quoted\""] }),
      topic('audit-log'),
      topic('clicks', { sampleRate: 0.01, extractFields: 0, maxValueBytes: 1024 }),
    ]))
    expect(errors).toEqual([])
    const transforms = parsed.transforms ?? {}
    expect(Object.keys(transforms).sort()).toEqual([
      'kafka_plus_local_route', 'kafka_plus_local_t0_shape', 'kafka_plus_local_t1_sample', 'kafka_plus_local_t1_shape',
      'kafka_plus_local_t2_sample', 'kafka_plus_local_t2_shape',
    ])
    // Topics are in name order: audit-log (t0), clicks (t1), payments (t2).
    expect(transforms.kafka_plus_local_route?.route).toEqual({ t0: ".topic == s'audit-log'", t1: ".topic == s'clicks'", t2: ".topic == s'payments'" })
    expect(transforms.kafka_plus_local_t1_sample).toMatchObject({ ratio: 0.01, key_field: 'message_key', inputs: ['kafka_plus_local_route.t1'] })
    expect(transforms.kafka_plus_local_t1_sample).not.toHaveProperty('exclude')
    const exclude = (transforms.kafka_plus_local_t2_sample?.exclude as { source: string }).source
    expect(exclude).toContain("contains(kp_value, s'ERROR')")
    expect(exclude).toContain("match(kp_value, r'(?i)time ?out')")
    // "$" doubled against Vector's env interpolation; quotes and backslashes escaped.
    expect(exclude).toContain('contains(kp_value, "it\'s $$HOME \\\\ \\"quoted\\"")')
    expect(parsed.sinks?.kafka_plus_local_victorialogs?.inputs).toEqual(['kafka_plus_local_t0_shape', 'kafka_plus_local_t1_shape', 'kafka_plus_local_t2_shape'])
  })

  it('for a SASL/TLS cluster: security options, and the password only as an environment reference', () => {
    const { parsed, errors, text } = check(secured, plan('prod-eu', [topic('orders', { sampleRate: 0.5, keep: ['ERROR'] })]))
    expect(errors).toEqual([])
    const source = parsed.sources?.['kafka_plus_prod-eu_kafka']
    expect(source).toMatchObject({
      bootstrap_servers: 'b-1.example:9096,b-2.example:9096',
      tls: { enabled: true, server_name: 'kafka.example', verify_certificate: false, ca_file: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
      sasl: { enabled: true, mechanism: 'SCRAM-SHA-512', username: 'indexer', password: `\${${saslPasswordVariable('prod-eu')}}` },
    })
    expect(text).not.toContain('never-written')
    expect(text).toContain('KAFKA_PLUS_SASL_PASSWORD_PROD_EU')
  })

  it('refuses an MSK IAM cluster with a clear error (Vector cannot sign IAM tokens)', () => {
    const iam: ClusterConfig = { id: 'msk', name: 'msk', brokers: ['b:9098'], tls: true, sasl: { mechanism: 'AWS_MSK_IAM', region: 'eu-west-1' } }
    expect(() => renderVectorConfig(iam, plan('msk', [topic('orders')]), vl)).toThrow(expect.objectContaining({ code: 'VECTOR_UNSUPPORTED' }))
  })

  it('says in the file where it cannot give the built-in indexer\'s durability, and how to recover', () => {
    const text = renderVectorConfig(plain, plan('local', [topic('orders')]), vl)
    const comments = text.split('\n').filter((line) => line.startsWith('#')).join('\n')
    expect(comments).toContain('acknowledges before -inmemoryDataFlushInterval')
    expect(comments).toContain('can lose the records of the last')
    expect(comments).toContain('reset group kafka-plus-vector-local by timestamp')
  })

  it('vector/example.yaml is the current rendering of its example plan, and passes the check', () => {
    const examplePath = resolve(repoRoot, 'vector', 'example.yaml')
    expect(existsSync(examplePath)).toBe(true)
    const example = readFileSync(examplePath, 'utf8')
    const rendered = renderVectorConfig(plain, plan('local', [
      topic('orders', { sampleRate: 0.1, keep: ['ERROR', '/timeout|refused/i'] }),
      topic('payments'),
    ]), vl)
    expect(example).toBe(rendered)
    expect(checkVectorConfig(parse(example), reference)).toEqual([])
  })
})
