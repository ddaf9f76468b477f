// Brokers with their replica and leader counts, from one metadata snapshot.
import type { ClusterSnapshot, PartitionInfo } from '../kafka/index.ts'
import type { BrokerSummary, PartitionProblem } from '../../contract/cluster.ts'
export type { BrokerSummary }

export function summarizeBrokers(metadata: ClusterSnapshot): BrokerSummary[] {
  const brokers = new Map<number, BrokerSummary>()
  for (const b of metadata.brokers) {
    brokers.set(b.id, { id: b.id, host: b.host, port: b.port, rack: b.rack, isController: b.id === metadata.controllerId, online: true, replicas: 0, leaders: 0 })
  }
  const get = (id: number) => {
    let broker = brokers.get(id)
    if (!broker) {
      broker = { id, host: '', port: 0, rack: null, isController: false, online: false, replicas: 0, leaders: 0 }
      brokers.set(id, broker)
    }
    return broker
  }
  for (const topic of metadata.topics) {
    for (const p of topic.partitions) {
      for (const replica of p.replicas) get(replica).replicas++
      if (p.leader >= 0) get(p.leader).leaders++
    }
  }
  return [...brokers.values()].sort((a, b) => a.id - b.id)
}

export const isOffline = (p: PartitionInfo) => p.leader < 0
export const isUnderReplicated = (p: PartitionInfo) => p.isr.length < p.replicas.length
// Producers with acks=all are refused while the ISR is below min.insync.replicas.
export const isUnderMinIsr = (p: PartitionInfo, minIsr: number) => !isOffline(p) && p.isr.length < minIsr

/** What is wrong with a partition, given its topic's min.insync.replicas (empty: healthy). */
export function partitionProblems(p: PartitionInfo, minIsr: number): PartitionProblem[] {
  const problems: PartitionProblem[] = []
  if (isUnderReplicated(p)) problems.push('under-replicated')
  if (isOffline(p)) problems.push('offline')
  if (isUnderMinIsr(p, minIsr)) problems.push('under-min-isr')
  return problems
}
