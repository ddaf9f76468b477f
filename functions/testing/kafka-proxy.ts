// Test helper: a TCP proxy in front of the real local broker that makes the cluster look like one
// with a second broker that does not answer (it accepts connections and stays silent, like a hung
// or partitioned broker), and optionally like MSK Serverless, which refuses DescribeLogDirs.
// Everything else is the real broker's real answer: only Metadata is rewritten (the real broker is
// advertised at the proxy, the silent one is added, and chosen topics get it as an extra replica).
import { createServer, connect, type Server, type Socket } from 'node:net'
import { Reader, Writer } from '../core/kafka/wire/testing.ts'

export interface KafkaProxyOptions {
  upstream: { host: string; port: number }
  /** Node id of the added, silent broker. */
  ghostNodeId?: number
  /** Topics whose partitions list the silent broker as a replica too. */
  ghostTopics?: string[]
  /** Answer DescribeLogDirs with CLUSTER_AUTHORIZATION_FAILED instead of forwarding it. */
  refuseDescribeLogDirs?: boolean
}

const metadataKey = 3
const describeLogDirsKey = 35
const clusterAuthorizationFailed = 31

interface Partition { errorCode: number; partitionIndex: number; leaderId: number; leaderEpoch: number; replicaNodes: number[]; isrNodes: number[]; offlineReplicas: number[] }
interface Topic { errorCode: number; name: string | null; topicId: string; isInternal: boolean; partitions: Partition[]; authorizedOperations: number }

function rewriteMetadataV12(body: Buffer, proxyPort: number, ghost: { nodeId: number; port: number } | null, ghostTopics: Set<string>): Buffer {
  const r = Reader.from(body)
  const throttle = r.readInt32()
  const brokers = r.readArray((b) => ({ nodeId: b.readInt32(), host: b.readString(), port: b.readInt32(), rack: b.readNullableString() }))
  const clusterId = r.readNullableString()
  const controllerId = r.readInt32()
  const topics = r.readArray((t): Topic => ({
    errorCode: t.readInt16(), name: t.readNullableString(), topicId: t.readUUID(), isInternal: t.readBoolean(),
    partitions: t.readArray((p) => ({
      errorCode: p.readInt16(), partitionIndex: p.readInt32(), leaderId: p.readInt32(), leaderEpoch: p.readInt32(),
      replicaNodes: p.readArray(() => p.readInt32(), true, false), isrNodes: p.readArray(() => p.readInt32(), true, false), offlineReplicas: p.readArray(() => p.readInt32(), true, false),
    })),
    authorizedOperations: t.readInt32(),
  }))
  const advertised = brokers.map((b) => ({ ...b, host: '127.0.0.1', port: proxyPort }))
  if (ghost) advertised.push({ nodeId: ghost.nodeId, host: '127.0.0.1', port: ghost.port, rack: null })
  const ints = (w: Writer, values: number[]) => w.appendArray(values, (x, v) => x.appendInt32(v), true, false)
  return Writer.create()
    .appendInt32(throttle)
    .appendArray(advertised, (w, b) => w.appendInt32(b.nodeId).appendString(b.host).appendInt32(b.port).appendString(b.rack))
    .appendString(clusterId)
    .appendInt32(controllerId)
    .appendArray(topics, (w, t) => {
      w.appendInt16(t.errorCode).appendString(t.name).appendUUID(t.topicId).appendBoolean(t.isInternal)
      w.appendArray(t.partitions, (pw, p) => {
        const replicas = ghost && t.name && ghostTopics.has(t.name) ? [...p.replicaNodes, ghost.nodeId] : p.replicaNodes
        pw.appendInt16(p.errorCode).appendInt32(p.partitionIndex).appendInt32(p.leaderId).appendInt32(p.leaderEpoch)
        ints(pw, replicas)
        ints(pw, p.isrNodes)
        ints(pw, p.offlineReplicas)
      })
      w.appendInt32(t.authorizedOperations)
    })
    .appendTaggedFields()
    .buffer
}

/** Splits a byte stream into size-prefixed Kafka frames. */
function framer(onFrame: (frame: Buffer) => void) {
  let pending = Buffer.alloc(0)
  return (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk])
    while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
      const size = pending.readInt32BE(0)
      onFrame(pending.subarray(0, 4 + size))
      pending = pending.subarray(4 + size)
    }
  }
}

const frame = (correlationId: number, body: Buffer) => {
  const head = Buffer.alloc(9)
  head.writeInt32BE(4 + 1 + body.length, 0)
  head.writeInt32BE(correlationId, 4)
  head.writeUInt8(0, 8) // response header v1: no tagged fields
  return Buffer.concat([head, body])
}

function refusal(apiVersion: number): Buffer {
  if (apiVersion < 3) throw new Error(`DescribeLogDirs v${apiVersion} has no top-level error code`)
  return Writer.create().appendInt32(0).appendInt16(clusterAuthorizationFailed).appendArray([], () => {}).appendTaggedFields().buffer
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)))

export async function startKafkaProxy(options: KafkaProxyOptions) {
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); socket.on('error', () => socket.destroy()) }
  const ghostServer = createServer(track) // accepts and never says a word
  const ghostPort = options.ghostNodeId === undefined ? null : await listen(ghostServer)
  const ghost = options.ghostNodeId === undefined || ghostPort === null ? null : { nodeId: options.ghostNodeId, port: ghostPort }
  const ghostTopics = new Set(options.ghostTopics ?? [])
  let proxyPort = 0
  const server = createServer((client) => {
    track(client)
    const upstream = connect(options.upstream.port, options.upstream.host)
    track(upstream)
    const requests = new Map<number, { apiKey: number; apiVersion: number }>()
    client.on('data', framer((request) => {
      const apiKey = request.readInt16BE(4)
      const apiVersion = request.readInt16BE(6)
      const correlationId = request.readInt32BE(8)
      if (apiKey === describeLogDirsKey && options.refuseDescribeLogDirs) return void client.write(frame(correlationId, refusal(apiVersion)))
      requests.set(correlationId, { apiKey, apiVersion })
      upstream.write(request)
    }))
    upstream.on('data', framer((response) => {
      const correlationId = response.readInt32BE(4)
      const request = requests.get(correlationId)
      requests.delete(correlationId)
      if (request?.apiKey === metadataKey && request.apiVersion === 12 && response.readUInt8(8) === 0) {
        return void client.write(frame(correlationId, rewriteMetadataV12(response.subarray(9), proxyPort, ghost, ghostTopics)))
      }
      client.write(response)
    }))
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  proxyPort = await listen(server)
  return {
    port: proxyPort,
    ghostPort,
    brokers: [`127.0.0.1:${proxyPort}`],
    async close() {
      for (const socket of sockets) socket.destroy()
      await Promise.all([server, ghostServer].map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()))))
    },
  }
}
