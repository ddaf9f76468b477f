// ConsumerGroupDescribe (API 69, KIP-848): the only way to see members and assignments of groups
// using the new `consumer` rebalance protocol; DescribeGroups answers only for classic groups.
// The client library does not implement it, so it is encoded here with the library's own codec.
import { createAPI, kGetApi, kGetConnection, type Callback, type Connection, Writer, type Reader, FindCoordinatorKeyTypes } from '@platformatic/kafka'
import type { KafkaCluster } from './cluster.ts'
import { mapKafkaError } from './errors.ts'

export interface ConsumerGroupMember {
  memberId: string
  clientId: string
  clientHost: string
  subscribedTopics: string[]
  assignment: { topic: string; partitions: number[] }[]
}

export interface ConsumerGroupDescription {
  groupId: string
  errorCode: number
  state: string
  members: ConsumerGroupMember[]
}

function createRequest(groupIds: string[], includeAuthorizedOperations: boolean): Writer {
  return Writer.create()
    .appendArray(groupIds, (w, id) => w.appendString(id), true, false)
    .appendBoolean(includeAuthorizedOperations)
    .appendTaggedFields()
}

function readAssignment(r: Reader): { topic: string; partitions: number[] }[] {
  const topics = r.readArray((t) => {
    t.readUUID()
    const topic = t.readString()
    const partitions = t.readArray((p) => p.readInt32(), true, false)
    return { topic, partitions }
  })
  r.readTaggedFields()
  return topics
}

function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): ConsumerGroupDescription[] {
  reader.readInt32() // throttle time
  return reader.readArray((g) => {
    const errorCode = g.readInt16()
    g.readNullableString() // error message
    const groupId = g.readString()
    const state = g.readString()
    g.readInt32() // group epoch
    g.readInt32() // assignment epoch
    g.readString() // assignor
    const members = g.readArray((m) => {
      const memberId = m.readString()
      m.readNullableString() // instance id
      m.readNullableString() // rack id
      m.readInt32() // member epoch
      const clientId = m.readString()
      const clientHost = m.readString()
      const subscribedTopics = m.readArray((s) => s.readString(), true, false)
      m.readNullableString() // subscribed topic regex
      const assignment = readAssignment(m)
      readAssignment(m) // target assignment
      return { memberId, clientId, clientHost, subscribedTopics, assignment }
    })
    g.readInt32() // authorized operations
    return { groupId, errorCode, state, members }
  })
}

// The Reader and Writer types come from the library's protocol module; the API shape is its own.
export const consumerGroupDescribeV0 = createAPI(69, 0, createRequest as never, parseResponse as never)

type DescribeApi = (connection: Connection, groupIds: string[], includeAuthorizedOperations: boolean, callback: Callback<ConsumerGroupDescription[]>) => void
interface AdminInternals {
  [kGetConnection](broker: { host: string; port: number }, callback: Callback<Connection>): void
  [kGetApi](name: string, callback: Callback<unknown>): void
}

/** Describes KIP-848 groups, asking each group's coordinator. */
export async function describeConsumerProtocolGroups(cluster: KafkaCluster, groupIds: string[]): Promise<Map<string, ConsumerGroupDescription>> {
  const result = new Map<string, ConsumerGroupDescription>()
  if (groupIds.length === 0) return result
  try {
    const admin = cluster.admin()
    const coordinators = await admin.findCoordinator({ keyType: FindCoordinatorKeyTypes.GROUP, keys: groupIds })
    const byBroker = new Map<string, { host: string; port: number; groups: string[] }>()
    for (const c of coordinators) {
      const key = `${c.host}:${c.port}`
      const entry = byBroker.get(key) ?? { host: c.host, port: c.port, groups: [] }
      entry.groups.push(c.key)
      byBroker.set(key, entry)
    }
    const internals = admin as unknown as AdminInternals
    const api = consumerGroupDescribeV0 as unknown as DescribeApi
    await Promise.all([...byBroker.values()].map((broker) => new Promise<void>((resolve, reject) => {
      internals[kGetConnection](broker, (error, connection) => {
        if (error || !connection) return reject(error ?? new Error('no connection'))
        api(connection, broker.groups, false, (apiError, groups) => {
          if (apiError) return reject(apiError)
          for (const group of groups ?? []) result.set(group.groupId, group)
          resolve()
        })
      })
    })))
    return result
  } catch (error: unknown) {
    throw mapKafkaError(error, 'Describing consumer groups', cluster.id)
  }
}
