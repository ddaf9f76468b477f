import { describe, expect, it } from 'vitest'
import { Access } from './access.ts'
import type { Grant } from './grants.ts'

const access = (...grants: Grant[]) => new Access({ name: 'p', grants })

// The example of the product brief: operator on prod's orders.* topics, viewer everywhere else.
const ordersOperator = access({ role: 'operator', clusters: ['prod'], topics: ['orders.*'] }, { role: 'viewer' })
const topicsOnly = access({ role: 'operator', clusters: ['prod'], topics: ['orders.*', 'billing'] })
const admin = access({ role: 'admin' })
const prodAdmin = access({ role: 'admin', clusters: ['prod*'] })

describe('Access', () => {
  it('sees a cluster when any grant applies to it', () => {
    expect(ordersOperator.seesCluster('staging')).toBe(true)
    expect(topicsOnly.seesCluster('prod')).toBe(true)
    expect(topicsOnly.seesCluster('staging')).toBe(false)
    expect(prodAdmin.seesCluster('prod-eu')).toBe(true)
    expect(prodAdmin.seesCluster('dev')).toBe(false)
    expect(access().seesCluster('prod')).toBe(false)
  })

  it('gives the cluster-wide role only from grants not limited to topics', () => {
    expect(ordersOperator.clusterRole('prod')).toBe('viewer')
    expect(topicsOnly.clusterRole('prod')).toBeUndefined()
    expect(prodAdmin.clusterRole('prod')).toBe('admin')
    expect(admin.clusterRole('anything')).toBe('admin')
  })

  it('gives the highest applicable role on a topic', () => {
    expect(ordersOperator.topicRole('prod', 'orders.eu')).toBe('operator')
    expect(ordersOperator.topicRole('prod', 'payments')).toBe('viewer')
    expect(ordersOperator.topicRole('staging', 'orders.eu')).toBe('viewer')
    expect(topicsOnly.topicRole('prod', 'billing')).toBe('operator')
    expect(topicsOnly.topicRole('prod', 'billing.old')).toBeUndefined()
    expect(topicsOnly.topicRole('staging', 'orders.eu')).toBeUndefined()
    expect(prodAdmin.topicRole('prod', 'x')).toBe('admin')
  })

  it('checks a needed role against the held one', () => {
    expect(ordersOperator.canOnTopic('operator', 'prod', 'orders.eu')).toBe(true)
    expect(ordersOperator.canOnTopic('operator', 'prod', 'payments')).toBe(false)
    expect(ordersOperator.canOnTopic('admin', 'prod', 'orders.eu')).toBe(false)
    expect(ordersOperator.canOnTopic('viewer', 'dev', 'x')).toBe(true)
    expect(topicsOnly.canOnTopic('viewer', 'prod', 'payments')).toBe(false)
  })

  it('knows the best role anywhere in a cluster and the deployment-wide role', () => {
    expect(topicsOnly.bestRoleIn('prod')).toBe('operator')
    expect(topicsOnly.bestRoleIn('dev')).toBeUndefined()
    expect(ordersOperator.globalRole()).toBe('viewer')
    expect(prodAdmin.globalRole()).toBeUndefined()
    expect(admin.globalRole()).toBe('admin')
    expect(access({ role: 'admin', topics: ['x'] }).globalRole()).toBeUndefined()
  })

  it('scopes topics: all when a grant covers the cluster, else the union of patterns', () => {
    expect(ordersOperator.topicScope('prod')).toEqual({ all: true })
    expect(topicsOnly.topicScope('prod')).toEqual({ all: false, patterns: ['orders.*', 'billing'] })
    expect(topicsOnly.topicScope('dev')).toEqual({ all: false, patterns: [] })
    expect(ordersOperator.topicFilter('prod')).toBeUndefined()
    const visible = topicsOnly.topicFilter('prod')
    expect(['orders.eu', 'billing', 'payments', 'orders'].filter((t) => visible?.(t))).toEqual(['orders.eu', 'billing'])
    expect(topicsOnly.topicFilter('dev')?.('orders.eu')).toBe(false)
  })
})
