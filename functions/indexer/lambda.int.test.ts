// The MSK indexer Lambda invoked with a real-shaped `aws:kafka` event (base64 keys and values,
// byte-array headers), writing into the real VictoriaLogs under the plan from KAFKA_PLUS_HOME.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MSKEvent, MSKRecord } from 'aws-lambda'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { FilePlanStore } from '../core/indexing/plan-store.ts'
import { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import { queryUntil } from '../testing/logs.ts'
import { testEnv, uniqueName } from '../testing/stack.ts'

const env = testEnv()
const home = mkdtempSync(join(tmpdir(), 'kp-msk-'))
const topic = uniqueName('it-msk')
const word = uniqueName('mskword').replaceAll('-', '')
const logs = new VictoriaLogsClient(env.VICTORIALOGS_URL as string)
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64')

const record = (offset: number, value: string | Buffer, key?: string): MSKRecord => ({
  topic, partition: offset % 2, offset, timestamp: Date.now() - 1_000 + offset, timestampType: 'CREATE_TIME',
  key: key === undefined ? (undefined as unknown as string) : b64(key), value: b64(value),
  headers: [{ traceparent: [...Buffer.from(`00-trace-${offset}`)] }],
})

const event: MSKEvent = {
  eventSource: 'aws:kafka',
  eventSourceArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/a1b2c3d4-0000-4000-8000-000000000001-2',
  bootstrapServers: 'b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9098,b-2.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9098',
  records: {
    [`${topic}-0`]: [record(0, `{"level":"error","msg":"${word} zero"}`, 'order-1'), record(2, Buffer.from([0xff, 0x00, 0xfe]), 'order-2')],
    [`${topic}-1`]: [record(1, `plain text ${word} one`), record(3, `${word} ${'y'.repeat(5_000)}`, 'order-3')],
  },
}

beforeAll(async () => {
  Object.assign(process.env, env, { KAFKA_PLUS_HOME: home })
  await new FilePlanStore(home).save({ cluster: 'local', topics: [{
    topic, enabled: true, sampleRate: 1, keep: [], maxValueBytes: 1_024, extractFields: 10, updatedAt: new Date().toISOString(), updatedBy: 'test',
  }] })
})

afterAll(async () => {
  delete process.env.KAFKA_PLUS_HOME
  await logs.close()
  rmSync(home, { recursive: true, force: true })
})

describe('MSK indexer Lambda handler', () => {
  it('indexes every record of the batch: text, JSON fields, binary (base64) and truncated values, headers', async () => {
    const { handler } = await import('./lambda.ts')
    expect(await handler(event)).toEqual({ seen: 4, indexed: 4 })
    const rows = await queryUntil(logs, `{kind="messages",cluster="local",topic="${topic}"} | sort by (offset)`, (r) => r.length === 4)
    expect(rows.map((r) => r.offset)).toEqual(['0', '1', '2', '3'])
    expect(rows[0]).toMatchObject({ key: 'order-1', level: 'error', msg: `${word} zero`, 'headers.traceparent': '00-trace-0', partition: '0' })
    expect(rows[1]).toMatchObject({ _msg: `plain text ${word} one`, partition: '1' })
    expect(rows[1]).not.toHaveProperty('key')
    expect(rows[2]).toMatchObject({ _msg: b64(Buffer.from([0xff, 0x00, 0xfe])), valueEncoding: 'base64' })
    expect(rows[3]).toMatchObject({ truncated: 'true', valueBytes: String(Buffer.byteLength(`${word} ${'y'.repeat(5_000)}`)) })
    expect(String(rows[3]?._msg)).toHaveLength(1_024)
    const found = await queryUntil(logs, `{kind="messages",cluster="local"} ${word}`, (r) => r.length === 3)
    expect(found).toHaveLength(3)
  })

  it('fails the invocation when VictoriaLogs is down, so the mapping retries the batch', async () => {
    vi.resetModules()
    const saved = process.env.VICTORIALOGS_URL
    Object.assign(process.env, { VICTORIALOGS_URL: 'http://127.0.0.1:1', KAFKA_PLUS_INDEXER_ATTEMPTS: '2' })
    try {
      const { handler } = await import('./lambda.ts')
      await expect(handler(event)).rejects.toMatchObject({ code: 'LOGS_UNAVAILABLE' })
    } finally {
      process.env.VICTORIALOGS_URL = saved
      delete process.env.KAFKA_PLUS_INDEXER_ATTEMPTS
    }
  })
})
