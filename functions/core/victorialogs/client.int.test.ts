// Against the real VictoriaLogs started by the test setup.
import { inject, afterAll, describe, expect, it } from 'vitest'
import { queryUntil } from '../../testing/logs.ts'
import { uniqueName } from '../../testing/stack.ts'
import { AppError } from '../errors.ts'
import { VictoriaLogsClient } from './client.ts'

const logs = new VictoriaLogsClient(inject('victoriaLogsUrl'))
afterAll(() => logs.close())

describe('VictoriaLogsClient', () => {
  it('answers the health check', async () => {
    await expect(logs.health()).resolves.toBeUndefined()
  })

  it('writes a line and reads it back with its fields', async () => {
    const word = uniqueName('needle').replaceAll('-', '')
    const time = new Date(Date.now() - 1000).toISOString()
    await logs.insert([{ _time: time, _msg: `hello ${word}`, kind: 'test', cluster: 'local', topic: 'orders', partition: 3 }], { streamFields: ['kind', 'cluster'] })
    const rows = await queryUntil(logs, `kind:test ${word}`, (r) => r.length > 0)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ _msg: `hello ${word}`, topic: 'orders', partition: '3', kind: 'test', cluster: 'local' })
    expect(new Date(String(rows[0]?._time)).toISOString()).toBe(time)
  })

  it('streams many rows without buffering them all', async () => {
    const word = uniqueName('bulk').replaceAll('-', '')
    async function* documents() {
      for (let i = 0; i < 2_000; i++) yield { _msg: `${word} line ${i}`, kind: 'test', seq: i }
    }
    await logs.insert(documents(), { streamFields: ['kind'] })
    const rows = await queryUntil(logs, `${word} | stats count() n`, (r) => r[0]?.n === '2000')
    expect(rows[0]?.n).toBe('2000')
  })

  it('reports a bad LogsQL query as INVALID_QUERY (400)', async () => {
    const error = await collect(logs.queryRows('foo | stats bogus_function(x)')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'INVALID_QUERY', status: 400 })
  })

  it('reports an unreachable VictoriaLogs as LOGS_UNAVAILABLE (503, retryable)', async () => {
    const nowhere = new VictoriaLogsClient('http://127.0.0.1:9')
    try {
      await expect(nowhere.health()).rejects.toMatchObject({ code: 'LOGS_UNAVAILABLE', status: 503, retryable: true })
      await expect(nowhere.insert([{ _msg: 'x' }], { streamFields: [] })).rejects.toMatchObject({ code: 'LOGS_UNAVAILABLE' })
    } finally {
      await nowhere.close()
    }
  })
})

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of iterable) out.push(item)
  return out
}
