// The schema browser routes on the real Apicurio Registry (Confluent API) and Kafka.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { Admin, Producer, waitForLeaders } from '../testing/kafka.ts'
import { bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const registryUrl = inject('schemaRegistryUrl')
const contentType = { 'content-type': 'application/vnd.schemaregistry.v1+json' }

const orderV1 = { type: 'record', name: 'Order', namespace: 'com.acme', fields: [{ name: 'id', type: 'string' }] }
// BACKWARD-compatible: the added field has a default.
const orderV2 = { ...orderV1, fields: [...orderV1.fields, { name: 'total', type: 'long', default: 0 }] }
// Not BACKWARD-compatible with v2: a new field without a default cannot be read from old records.
const orderBroken = { ...orderV1, fields: [...orderV2.fields, { name: 'currency', type: 'string' }] }

async function register(subject: string, schema: unknown): Promise<Response> {
  return fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, { method: 'POST', headers: contentType, body: JSON.stringify({ schema: JSON.stringify(schema) }) })
}

describe.skipIf(!registryUrl)('schema browser', () => {
  const prefix = uniqueName('it-sb')
  const topic = `${prefix}-orders`
  const mirror = `${prefix}-mirror`
  const subjects = { value: `${topic}-value`, record: `${topic}-com.acme.Order`, loose: `${prefix}.com.acme.Loose` }
  const ids: number[] = []
  let deps: ReturnType<typeof testDeps>
  let admin: InstanceType<typeof Admin>
  const get = (path: string, token = viewerToken) => createApp(deps).request(`/api/clusters/local/schemas${path}`, { headers: bearer(token) })

  beforeAll(async () => {
    deps = testDeps({ SCHEMA_REGISTRY_URL: registryUrl })
    const brokers = deps.config.clusters[0]?.brokers ?? []
    admin = new Admin({ clientId: 'schema-browser-test', bootstrapBrokers: brokers })
    await admin.createTopics({ topics: [topic, mirror], partitions: 1, replicas: 1 })
    for (const [subject, schema] of [[subjects.value, orderV1], [subjects.value, orderV2], [subjects.record, orderV1], [subjects.loose, orderV1]] as const) {
      const response = await register(subject, schema)
      expect(response.status, `registering ${subject}`).toBe(200)
      ids.push((await response.json() as { id: number }).id)
    }
    const subjectConfig = await fetch(`${registryUrl}/config/${encodeURIComponent(subjects.value)}`, { method: 'PUT', headers: contentType, body: JSON.stringify({ compatibility: 'FULL' }) })
    expect(subjectConfig.status).toBe(200)
    // A record on another topic written with v2: "used by" learns of it once it is decoded.
    await waitForLeaders(brokers, mirror)
    const producer = new Producer({ clientId: 'schema-browser-test', bootstrapBrokers: brokers, idempotent: true, acks: -1 })
    const header = Buffer.alloc(5)
    header.writeUInt32BE(ids[1] as number, 1)
    // Order{id "m", total 1}: string "m" = 0x02 0x6d, long 1 = zig-zag 0x02
    await producer.send({ messages: [{ topic: mirror, value: Buffer.concat([header, Buffer.from([0x02, 0x6d, 0x02])]) }] })
    await producer.close()
  })

  afterAll(async () => {
    await admin?.deleteTopics({ topics: [topic, mirror] }).catch(() => {})
    await admin?.close()
    await deps?.close()
    for (const subject of Object.values(subjects)) {
      await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}`, { method: 'DELETE' }).catch(() => {})
      await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}?permanent=true`, { method: 'DELETE' }).catch(() => {})
    }
  })

  it('the local registry enforces BACKWARD compatibility globally (Confluent default)', async () => {
    const refused = await register(subjects.value, orderBroken)
    expect(refused.status).toBe(409)
  })

  it('lists subjects with the global compatibility and the topics their names tie them to', async () => {
    const response = await get(`?q=${prefix}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      registry: 'confluent', subjectNameStrategy: 'topic', compatibility: 'BACKWARD',
      subjects: [
        // Sorted by code unit: '-' before '.'.
        { subject: subjects.record, usedBy: [{ topic, part: 'record', recordName: 'com.acme.Order' }] },
        { subject: subjects.value, usedBy: [{ topic, part: 'value' }] },
        { subject: subjects.loose, usedBy: [] },
      ],
    })
  })

  it('shows a subject: versions, its own compatibility, the latest schema, and topics seen with it', async () => {
    const browse = await createApp(deps).request(`/api/clusters/local/topics/${mirror}/messages?limit=5`, { headers: bearer(viewerToken) })
    expect((await browse.json() as { items: { value: string }[] }).items.map((i) => JSON.parse(i.value) as unknown)).toEqual([{ id: 'm', total: 1 }])
    const response = await get(`/subjects/${encodeURIComponent(subjects.value)}`)
    expect(response.status).toBe(200)
    const body = await response.json() as { latest: { schema: string } }
    expect(body).toMatchObject({
      subject: subjects.value, versions: [1, 2], compatibility: 'FULL',
      latest: { subject: subjects.value, version: 2, id: ids[1], type: 'AVRO', references: [] },
      usedBy: [{ topic, part: 'value' }, { topic: mirror, part: 'seen' }],
    })
    expect(JSON.parse(body.latest.schema)).toEqual(orderV2)
  })

  it('shows one version by number or as latest', async () => {
    const first = await get(`/subjects/${encodeURIComponent(subjects.value)}/versions/1`)
    expect(first.status).toBe(200)
    const body = await first.json() as { schema: string; usedBy: unknown[] }
    expect(body).toMatchObject({ subject: subjects.value, version: 1, id: ids[0], type: 'AVRO', usedBy: [{ topic, part: 'value' }] })
    expect(JSON.parse(body.schema)).toEqual(orderV1)
    expect(await (await get(`/subjects/${encodeURIComponent(subjects.value)}/versions/latest`)).json()).toMatchObject({ version: 2 })
  })

  it('answers problems: unknown subject or version, bad version, no registry, no credential', async () => {
    const missing = await get(`/subjects/${prefix}-nope`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ code: 'SUBJECT_NOT_FOUND' })
    const noVersion = await get(`/subjects/${encodeURIComponent(subjects.value)}/versions/9`)
    expect(noVersion.status).toBe(404)
    expect(await noVersion.json()).toMatchObject({ code: 'SCHEMA_NOT_FOUND' })
    const bad = await get(`/subjects/${encodeURIComponent(subjects.value)}/versions/0`)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ code: 'INVALID_INPUT' })
    const plain = testDeps()
    try {
      const none = await createApp(plain).request('/api/clusters/local/schemas', { headers: bearer(viewerToken) })
      expect(none.status).toBe(404)
      expect(await none.json()).toMatchObject({ code: 'SCHEMA_REGISTRY_NOT_CONFIGURED' })
    } finally {
      await plain.close()
    }
    expect((await createApp(deps).request('/api/clusters/local/schemas')).status).toBe(401)
  })

  it('answers 503 when the registry is down', async () => {
    const down = testDeps({ SCHEMA_REGISTRY_URL: 'http://127.0.0.1:9/apis/ccompat/v7' })
    try {
      const response = await createApp(down).request('/api/clusters/local/schemas', { headers: bearer(viewerToken) })
      expect(response.status).toBe(503)
      const problem = await response.json() as { code: string; detail: string }
      expect(problem.code).toBe('SCHEMA_REGISTRY_UNAVAILABLE')
      expect(problem.detail).not.toContain('127.0.0.1')
    } finally {
      await down.close()
    }
  })
})
