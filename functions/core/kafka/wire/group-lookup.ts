// One group by id without listing every group of the cluster (ListGroups asks every broker for
// all of them: 45,000 groups cost half a second): a classic DescribeGroups, then, for a group it
// reports dead, a ConsumerGroupDescribe (KIP-848 groups look dead to the classic API).
import { AppError } from '../../errors.ts'
import type { GroupListing } from '../types.ts'
import { wireOf, type KafkaCluster } from './connection.ts'
import { describeConsumerProtocolGroups } from './groups.ts'

const absent = (error: unknown) => error instanceof AppError && (error.code === 'GROUP_NOT_FOUND' || error.code === 'KAFKA_UNSUPPORTED')

/** The group as ListGroups would list it (state upper-cased, as the client lists states), or undefined. */
export async function findGroupListing(cluster: KafkaCluster, groupId: string): Promise<GroupListing | undefined> {
  const classic = await wireOf(cluster).call('Describing consumer groups', (admin) => admin.describeGroups({ groups: [groupId] }))
    .then((groups) => groups.get(groupId))
    .catch((error: unknown) => {
      if (absent(error)) return undefined
      throw error
    })
  // The client reports DescribeGroups states as the broker spells them ('Dead', 'Stable'); ListGroups' upper-cased.
  const classicState = classic?.state.toUpperCase()
  if (classic && classicState !== 'DEAD') return { groupId, state: classicState as string, type: 'classic', protocolType: classic.protocolType }
  const modern = await describeConsumerProtocolGroups(cluster, [groupId])
    .then((groups) => groups.get(groupId))
    .catch((error: unknown) => {
      if (absent(error)) return undefined
      throw error
    })
  if (!modern || modern.errorCode !== 0) return undefined
  return { groupId, state: modern.state.toUpperCase(), type: 'consumer', protocolType: 'consumer' }
}
