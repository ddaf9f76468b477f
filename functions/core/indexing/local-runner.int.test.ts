// Local mode's indexing jobs together: the plan file drives both the built-in indexer and the
// Vector config written for a Vector run with --watch-config.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { VictoriaLogsClient } from '../victorialogs/index.ts'
import { Admin, produce } from '../../testing/kafka.ts'
import { queryUntil } from '../../testing/logs.ts'
import { testConfig, uniqueName } from '../../testing/stack.ts'
import { startLocalIndexing } from './local-runner.ts'
import { FilePlanStore } from './plan-store.ts'

const config = testConfig()
const home = mkdtempSync(join(tmpdir(), 'kp-local-'))
const vectorDir = join(home, 'vector')
const logs = new VictoriaLogsClient(config.victoriaLogsUrl)
const admin = new Admin({ clientId: 'local-runner-test', bootstrapBrokers: config.clusters[0]?.brokers ?? [] })
const topic = uniqueName('it-local-run')
const store = new FilePlanStore(home)

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin.close()
  await logs.close()
  rmSync(home, { recursive: true, force: true })
})

describe('local indexing jobs', () => {
  it('write vector/generated/<cluster>.yaml from the plan and index the enabled topic', async () => {
    await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 })
    await produce(config.clusters[0]?.brokers ?? [], topic, [{ key: 'a', value: 'hello local runner' }])
    const jobs = startLocalIndexing({
      clusters: config.clusters, logs, store, settings: { ...config.indexing, vectorDir }, log: () => {},
    })
    try {
      const file = join(vectorDir, 'local.yaml')
      await expect.poll(() => existsSync(file), { timeout: 10_000 }).toBe(true)
      expect(parse(readFileSync(file, 'utf8'))).toEqual({ sources: {}, transforms: {}, sinks: {} })
      await store.save({ cluster: 'local', topics: [{ topic, enabled: true, sampleRate: 1, keep: [], maxValueBytes: 1024, extractFields: 0, updatedAt: '', updatedBy: 'test' }] })
      await expect.poll(() => (parse(readFileSync(file, 'utf8')) as { sources: Record<string, { topics?: string[] }> }).sources.kafka_plus_local_kafka?.topics, { timeout: 15_000 }).toEqual([topic])
      const rows = await queryUntil(logs, `{kind="messages",cluster="local",topic="${topic}"}`, (r) => r.length === 1, 30_000)
      expect(rows[0]?._msg).toBe('hello local runner')
    } finally {
      await jobs.stop()
    }
  })
})
