// Scoped roles on every route: the app's own route table is walked, so a route added without an
// access check fails here. No Kafka call is reached: each check comes before the work.
import { afterAll, describe, expect, it } from 'vitest'
import { adminToken, bearer, testDeps } from '../testing/stack.ts'
import { createApp } from './app.ts'

const elsewhereToken = 'test-elsewhere-token-0123456789ab'
const ordersToken = 'test-orders-operator-token-0123456789'
const clusterAdminToken = 'test-cluster-admin-token-0123456789'
const deps = testDeps({
  KAFKA_PLUS_TOKENS: JSON.stringify([
    { name: 'elsewhere', token: elsewhereToken, grants: [{ role: 'admin', clusters: ['other'] }] },
    { name: 'orders-op', token: ordersToken, grants: [{ role: 'operator', clusters: ['local'], topics: ['orders.*'] }] },
    { name: 'local-admin', token: clusterAdminToken, grants: [{ role: 'admin', clusters: ['local'] }] },
  ]),
})
const app = createApp(deps)
afterAll(() => deps.close())

/**
 * What a principal whose only grant is operator on `orders.*` of `local` gets on each cluster
 * route, for topic `secret` and group `g`: 403, or an answer narrowed to orders.* (tested with
 * real data in access.int.test.ts).
 */
const ordersOperatorOn: Record<string, 403 | 'narrowed'> = {
  'GET /api/clusters/:cluster/overview': 403,
  'GET /api/clusters/:cluster/audit': 403,
  'GET /api/clusters/:cluster/topics': 'narrowed',
  'POST /api/clusters/:cluster/topics': 403,
  'GET /api/clusters/:cluster/topics/:topic': 403,
  'DELETE /api/clusters/:cluster/topics/:topic': 403,
  'PATCH /api/clusters/:cluster/topics/:topic/configs': 403,
  'POST /api/clusters/:cluster/topics/:topic/partitions': 403,
  'POST /api/clusters/:cluster/topics/:topic/purge': 403,
  'GET /api/clusters/:cluster/groups': 'narrowed',
  'GET /api/clusters/:cluster/groups/:group': 'narrowed',
  'GET /api/clusters/:cluster/topics/:topic/groups': 403,
  'POST /api/clusters/:cluster/groups/:group/offsets/reset': 403,
  'GET /api/clusters/:cluster/topics/:topic/messages': 403,
  'GET /api/clusters/:cluster/topics/:topic/tail': 403,
  'POST /api/clusters/:cluster/topics/:topic/messages': 403,
  'GET /api/clusters/:cluster/topics/:topic/export': 403,
  'GET /api/clusters/:cluster/storage/topics': 'narrowed',
  'GET /api/clusters/:cluster/storage/price': 'narrowed',
  'GET /api/clusters/:cluster/storage/brokers': 403,
  'GET /api/clusters/:cluster/storage/brokers/:broker/history': 403,
  'POST /api/clusters/:cluster/storage/sample': 403,
  'GET /api/clusters/:cluster/storage/topics/:topic/history': 403,
  'GET /api/clusters/:cluster/storage/topics/:topic/layout': 403,
  'GET /api/clusters/:cluster/storage/topics/:topic/ttl-advice': 403,
  'POST /api/clusters/:cluster/storage/topics/:topic/ttl-advice/apply': 403,
  'GET /api/clusters/:cluster/storage/audit': 403,
  'POST /api/clusters/:cluster/storage/audit': 403,
  'GET /api/clusters/:cluster/indexing': 'narrowed',
  'PUT /api/clusters/:cluster/indexing/topics/:topic': 403,
  'DELETE /api/clusters/:cluster/indexing/topics/:topic': 403,
  'GET /api/clusters/:cluster/indexing/vector.yaml': 403,
  'GET /api/clusters/:cluster/search': 'narrowed',
  'GET /api/clusters/:cluster/search/hits': 'narrowed',
  'GET /api/clusters/:cluster/search/facets': 'narrowed',
  'GET /api/clusters/:cluster/search/export': 'narrowed',
  'GET /api/clusters/:cluster/search/coverage': 'narrowed',
  'GET /api/clusters/:cluster/search/follow': 'narrowed',
  'GET /api/clusters/:cluster/schemas': 403,
  'GET /api/clusters/:cluster/schemas/subjects/:subject': 403,
  'GET /api/clusters/:cluster/schemas/subjects/:subject/versions/:version': 403,
  'GET /api/clusters/:cluster/schemas/ids/:id': 403,
  // Alert rules watch the whole cluster: a grant limited to topics does not reach them.
  'GET /api/clusters/:cluster/alerts/rules': 403,
  'PUT /api/clusters/:cluster/alerts/rules/:id': 403,
  'DELETE /api/clusters/:cluster/alerts/rules/:id': 403,
  'POST /api/clusters/:cluster/alerts/rules/:id/test': 403,
  'GET /api/clusters/:cluster/alerts/history': 403,
}

/** Bodies that pass validation, so a 403 cannot be a 400 in disguise (checks come first anyway). */
const bodies: Record<string, unknown> = {
  'POST /api/clusters/:cluster/topics': { name: 'secret', partitions: 1, replicationFactor: 1 },
  'POST /api/clusters/:cluster/groups/:group/offsets/reset': { strategy: 'earliest', topics: [{ topic: 'secret' }] },
}

const clusterRoutes = [...new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/clusters/:cluster')).map((r) => `${r.method} ${r.path}`))]

function request(route: string, token: string) {
  const [method, pattern] = route.split(' ') as [string, string]
  const path = pattern.replace(':cluster', 'local').replace(':topic', 'secret').replace(':group', 'g').replace(':broker', '1')
    .replace(':subject', 'secret-value').replace(':version', '1')
  const body = bodies[route] ?? (method === 'GET' || method === 'DELETE' ? undefined : {})
  return app.request(path, {
    method,
    headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

describe('access on every route', () => {
  it('has an expectation for each cluster route of the app, and no stale one', () => {
    expect(clusterRoutes.length).toBeGreaterThan(25)
    expect(clusterRoutes.sort()).toEqual(Object.keys(ordersOperatorOn).sort())
  })

  it('answers 404 CLUSTER_NOT_FOUND on every route of a cluster the principal has no grant on', async () => {
    for (const route of clusterRoutes) {
      const response = await request(route, elsewhereToken)
      expect(response.status, route).toBe(404)
      expect(await response.json(), route).toMatchObject({ code: 'CLUSTER_NOT_FOUND', detail: "No cluster with id 'local' is configured." })
    }
  })

  it('refuses a topic-scoped operator outside its topics (403 FORBIDDEN, before any work)', async () => {
    for (const route of clusterRoutes.filter((r) => ordersOperatorOn[r] === 403)) {
      const response = await request(route, ordersToken)
      expect(response.status, route).toBe(403)
      expect(await response.json(), route).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining("'orders-op'") })
    }
  })

  it('lists only the clusters a principal has grants on', async () => {
    const list = async (token: string) => (await app.request('/api/clusters', { headers: bearer(token) })).json()
    expect(await list(elsewhereToken)).toEqual([])
    expect(await list(ordersToken)).toEqual([{ id: 'local', name: 'local' }])
  })

  it('keeps sessions to admins of the whole deployment', async () => {
    for (const token of [ordersToken, clusterAdminToken]) {
      const response = await app.request('/api/sessions', { headers: bearer(token) })
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ detail: expect.stringContaining('whole deployment') })
    }
    expect((await app.request('/api/sessions', { headers: bearer(adminToken) })).status).toBe(200)
  })
})
