// Access checks at the HTTP edge. Routes say what they need with these few helpers; the answers
// come from core/auth/access.ts, the one reading of grants. A cluster without any grant of the
// principal does not exist for them (404 CLUSTER_NOT_FOUND, as for an unknown id, so cluster ids
// do not leak); a known cluster or topic without the needed role is 403 FORBIDDEN.
import type { Context, MiddlewareHandler } from 'hono'
import { Access, type TopicScope } from '../../core/auth/access.ts'
import type { Role } from '../../core/auth/roles.ts'
import { clusterNotFound, forbidden } from '../../core/errors.ts'
import type { AppEnv } from '../deps.ts'

export const accessOf = (c: Context<AppEnv>) => new Access(c.var.principal)

function refuse(c: Context<AppEnv>, role: Role, where: string, held: Role | undefined): never {
  throw forbidden(`This needs the ${role} role ${where}; '${c.var.principal.name}' has ${held ?? 'no role'} there.`)
}

/** For every /clusters/:cluster route: the cluster must exist for the principal. */
export const requireClusterAccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  const cluster = c.req.param('cluster')
  if (cluster !== undefined && !accessOf(c).seesCluster(cluster)) throw clusterNotFound(cluster)
  return next()
}

/**
 * The role a route needs, where the route acts: on the topic it names (`:topic`), else on the
 * cluster it names as a whole (`:cluster`), else on the whole deployment. With `someTopic`, a
 * cluster route needs the role on at least one topic and checks the topics it acts on itself
 * (requireTopics), once it knows them (a body, a plan).
 */
export const requireRole = (role: Role, options: { someTopic?: boolean } = {}): MiddlewareHandler<AppEnv> => async (c, next) => {
  const access = accessOf(c)
  const cluster = c.req.param('cluster')
  const topic = c.req.param('topic')
  if (cluster === undefined) {
    const held = access.globalRole()
    if (!access.can(role, held)) refuse(c, role, 'on the whole deployment', held)
    return next()
  }
  if (!access.seesCluster(cluster)) throw clusterNotFound(cluster)
  if (topic !== undefined) {
    const held = access.topicRole(cluster, topic)
    if (!access.can(role, held)) refuse(c, role, `on topic '${topic}' of cluster '${cluster}'`, held)
  } else if (options.someTopic) {
    const held = access.bestRoleIn(cluster)
    if (!access.can(role, held)) refuse(c, role, `on some topic of cluster '${cluster}'`, held)
  } else {
    const held = access.clusterRole(cluster)
    if (!access.can(role, held)) refuse(c, role, `on cluster '${cluster}' as a whole`, held)
  }
  return next()
}

/** The role on each of `topics` (an offset reset's topics, a new topic's name); 403 names those lacking it. */
export function requireTopics(c: Context<AppEnv>, cluster: string, topics: Iterable<string>, role: Role): void {
  const access = accessOf(c)
  const lacking = [...new Set(topics)].filter((topic) => !access.canOnTopic(role, cluster, topic)).sort()
  if (lacking.length === 0) return
  const shown = lacking.slice(0, 10).map((t) => `'${t}'`).join(', ') + (lacking.length > 10 ? ` and ${lacking.length - 10} more` : '')
  throw forbidden(`This needs the ${role} role on ${lacking.length === 1 ? 'topic' : 'topics'} ${shown} of cluster '${cluster}'; '${c.var.principal.name}' lacks it.`)
}

/** The principal's role on one topic (for a route whose rule depends on it). */
export const roleOnTopic = (c: Context<AppEnv>, cluster: string, topic: string) => accessOf(c).topicRole(cluster, topic)

/** For lists: which topics may be shown (undefined: all of them). */
export const visibleTopics = (c: Context<AppEnv>, cluster: string) => accessOf(c).topicFilter(cluster)

/** For history search: the topics whose messages may be read. */
export const topicScope = (c: Context<AppEnv>, cluster: string): TopicScope => accessOf(c).topicScope(cluster)

/** The configured clusters the principal has any grant on. */
export const visibleClusters = <T extends { id: string }>(c: Context<AppEnv>, clusters: readonly T[]) => {
  const access = accessOf(c)
  return clusters.filter((cluster) => access.seesCluster(cluster.id))
}
