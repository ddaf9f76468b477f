// What a principal may do where: the one reading of grants (core/auth/grants.ts). The HTTP edge
// (functions/api/middleware/access.ts) asks these questions; nothing else interprets grants.
//
// - A grant applies to a cluster when it names no clusters or one of its patterns matches.
// - A grant without topics covers the cluster as a whole (overview, brokers, audit trail,
//   retention audit, sampling) and every topic in it; a grant with topics covers those topics only.
// - Roles are ordered (viewer < operator < admin); the highest applicable grant counts.
// - The deployment as a whole (sessions) needs a grant naming neither clusters nor topics.
import { globMatches, type Grant } from './grants.ts'
import { higherRole, roleAllows, type Principal, type Role } from './roles.ts'

/** Which topics of a cluster a principal may see: all of them, or those matching the patterns. */
export type TopicScope = { all: true } | { all: false; patterns: string[] }

const appliesToCluster = (grant: Grant, cluster: string) =>
  grant.clusters === undefined || grant.clusters.some((pattern) => globMatches(pattern, cluster))

const appliesToTopic = (grant: Grant, topic: string) =>
  grant.topics === undefined || grant.topics.some((pattern) => globMatches(pattern, topic))

const highest = (grants: Iterable<Grant>): Role | undefined => {
  let best: Role | undefined
  for (const grant of grants) best = higherRole(best, grant.role)
  return best
}

export class Access {
  readonly #grants: readonly Grant[]

  constructor(readonly principal: Pick<Principal, 'name' | 'grants'>) {
    this.#grants = principal.grants
  }

  #onCluster(cluster: string): Grant[] {
    return this.#grants.filter((grant) => appliesToCluster(grant, cluster))
  }

  /** Whether the cluster exists for this principal at all (any grant applies to it). */
  seesCluster(cluster: string): boolean {
    return this.#onCluster(cluster).length > 0
  }

  /** The role on the cluster as a whole: from grants that are not limited to topics. */
  clusterRole(cluster: string): Role | undefined {
    return highest(this.#onCluster(cluster).filter((grant) => grant.topics === undefined))
  }

  /** The role on one topic of the cluster. */
  topicRole(cluster: string, topic: string): Role | undefined {
    return highest(this.#onCluster(cluster).filter((grant) => appliesToTopic(grant, topic)))
  }

  /** The highest role on any topic of the cluster (a route may then check the topic it names). */
  bestRoleIn(cluster: string): Role | undefined {
    return highest(this.#onCluster(cluster))
  }

  /** The role over the whole deployment: grants naming neither clusters nor topics. */
  globalRole(): Role | undefined {
    return highest(this.#grants.filter((grant) => grant.clusters === undefined && grant.topics === undefined))
  }

  can(role: Role, held: Role | undefined): boolean {
    return held !== undefined && roleAllows(held, role)
  }

  canOnTopic(role: Role, cluster: string, topic: string): boolean {
    return this.can(role, this.topicRole(cluster, topic))
  }

  /** The topics visible in a cluster, for list filters and the search scope. */
  topicScope(cluster: string): TopicScope {
    const grants = this.#onCluster(cluster)
    if (grants.some((grant) => grant.topics === undefined)) return { all: true }
    return { all: false, patterns: [...new Set(grants.flatMap((grant) => grant.topics ?? []))] }
  }

  /** A predicate for lists: undefined when every topic is visible (nothing to filter). */
  topicFilter(cluster: string): ((topic: string) => boolean) | undefined {
    const scope = this.topicScope(cluster)
    if (scope.all) return undefined
    return (topic) => scope.patterns.some((pattern) => globMatches(pattern, topic))
  }
}
