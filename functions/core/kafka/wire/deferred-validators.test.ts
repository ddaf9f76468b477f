import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { Admin, UserError, ajv } from './client.ts'

describe('the Kafka client loaded with its option validators deferred', () => {
  it('has compiled none of them by the time it is loaded', () => {
    // Ajv keeps every schema it compiled in its cache: a new instance holds its meta-schemas only;
    // compiled eagerly, the client's ~40 validators would be there too.
    const compiled = (instance: object) => (instance as { _cache: Map<unknown, unknown> })._cache.size
    expect(compiled(ajv)).toBe(compiled(new Ajv2020()))
  })

  it('compiles none either when the consumer and producer load later, in their own chunks', async () => {
    const compiled = (instance: object) => (instance as { _cache: Map<unknown, unknown> })._cache.size
    const { Consumer } = await import('./client-consumer.ts')
    const { Producer } = await import('./client-producer.ts')
    expect(compiled(ajv)).toBe(compiled(new Ajv2020()))
    // Where the client asks for them (strict), they still check, compiled on first use.
    const options = { clientId: 'deferred-validators', bootstrapBrokers: ['127.0.0.1:1'], strict: true }
    expect(() => new Consumer({ ...options, groupId: 7 as unknown as string })).toThrow(/groupId/)
    expect(() => new Producer({ ...options, acks: 'all' as unknown as number })).toThrow(UserError)
    expect(compiled(ajv)).toBeGreaterThan(compiled(new Ajv2020()))
  })

  it('still validates options where the client asks for it (strict), compiling on first use', () => {
    const options = { clientId: 'deferred-validators', bootstrapBrokers: ['127.0.0.1:1'], strict: true }
    expect(() => new Admin({ ...options, retries: 'three' as unknown as number })).toThrow(UserError)
    expect(() => new Admin({ ...options, retries: 'three' as unknown as number })).toThrow(/retries/)
    const admin = new Admin({ ...options, retries: 3 })
    void admin.close()
  })

  it('leaves every other Ajv2020 compiling at once (a bad schema fails at compile, not at first use)', () => {
    const ajv = new Ajv2020()
    expect(() => ajv.compile({ type: 'no-such-type' })).toThrow()
    const validate = ajv.compile({ type: 'integer' })
    expect(validate(1)).toBe(true)
    expect(validate('x')).toBe(false)
    expect(validate.errors?.[0]?.keyword).toBe('type')
  })
})
