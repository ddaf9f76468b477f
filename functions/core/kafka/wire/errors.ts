// Maps @platformatic/kafka errors (and Kafka protocol error codes) to the product's typed errors.
import { protocolErrorsCodesById } from './client.ts'
import { AppError, kafkaUnavailable, type ErrorCode } from '../../errors.ts'

/** A per-item Kafka error code as its protocol name (6 → NOT_LEADER_OR_FOLLOWER). */
export const errorName = (code: number): string => protocolErrorsCodesById[code] ?? `KAFKA_ERROR_${code}`

interface KafkaLikeError {
  code?: unknown
  apiId?: unknown
  canRetry?: unknown
  serverErrorMessage?: unknown
  errors?: unknown
  message?: unknown
}

const protocolMapping: Record<string, { code: ErrorCode; status: number }> = {
  UNKNOWN_TOPIC_OR_PARTITION: { code: 'TOPIC_NOT_FOUND', status: 404 },
  UNKNOWN_TOPIC_ID: { code: 'TOPIC_NOT_FOUND', status: 404 },
  TOPIC_ALREADY_EXISTS: { code: 'TOPIC_EXISTS', status: 409 },
  INVALID_TOPIC_EXCEPTION: { code: 'INVALID_INPUT', status: 400 },
  INVALID_PARTITIONS: { code: 'INVALID_INPUT', status: 400 },
  INVALID_REPLICATION_FACTOR: { code: 'INVALID_INPUT', status: 400 },
  INVALID_REPLICA_ASSIGNMENT: { code: 'INVALID_INPUT', status: 400 },
  INVALID_CONFIG: { code: 'INVALID_INPUT', status: 400 },
  INVALID_REQUEST: { code: 'INVALID_INPUT', status: 400 },
  POLICY_VIOLATION: { code: 'POLICY_VIOLATION', status: 400 },
  TOPIC_AUTHORIZATION_FAILED: { code: 'KAFKA_NOT_AUTHORIZED', status: 403 },
  GROUP_AUTHORIZATION_FAILED: { code: 'KAFKA_NOT_AUTHORIZED', status: 403 },
  CLUSTER_AUTHORIZATION_FAILED: { code: 'KAFKA_NOT_AUTHORIZED', status: 403 },
  NON_EMPTY_GROUP: { code: 'GROUP_NOT_EMPTY', status: 409 },
  GROUP_ID_NOT_FOUND: { code: 'GROUP_NOT_FOUND', status: 404 },
  UNSUPPORTED_VERSION: { code: 'KAFKA_UNSUPPORTED', status: 501 },
}

const asKafkaError = (error: unknown): KafkaLikeError | undefined =>
  typeof error === 'object' && error !== null ? (error as KafkaLikeError) : undefined

/** The first Kafka protocol error in an error tree (MultipleErrors nest the real causes). */
function findProtocolError(error: unknown, depth = 0): KafkaLikeError | undefined {
  const candidate = asKafkaError(error)
  if (!candidate || depth > 5) return undefined
  if (typeof candidate.apiId === 'string') return candidate
  if (Array.isArray(candidate.errors)) {
    for (const inner of candidate.errors) {
      const found = findProtocolError(inner, depth + 1)
      if (found) return found
    }
  }
  return undefined
}

function hasCode(error: unknown, code: string, depth = 0): boolean {
  const candidate = asKafkaError(error)
  if (!candidate || depth > 5) return false
  if (candidate.code === code) return true
  return Array.isArray(candidate.errors) && candidate.errors.some((inner) => hasCode(inner, code, depth + 1))
}

export function mapKafkaError(error: unknown, operation: string, clusterId: string): AppError {
  if (error instanceof AppError) return error
  const protocol = findProtocolError(error)
  if (protocol && typeof protocol.apiId === 'string') {
    const serverMessage = typeof protocol.serverErrorMessage === 'string' && protocol.serverErrorMessage ? `: ${protocol.serverErrorMessage}` : ''
    const mapped = protocolMapping[protocol.apiId]
    const message = `${operation} failed on cluster '${clusterId}' (${protocol.apiId}${serverMessage}).`
    return new AppError(mapped?.code ?? 'KAFKA_ERROR', message, {
      status: mapped?.status ?? 502,
      retryable: protocol.canRetry === true,
      cause: error,
      extra: { kafkaError: protocol.apiId },
    })
  }
  if (hasCode(error, 'PLT_KFK_AUTHENTICATION')) {
    return new AppError('KAFKA_AUTH_FAILED', `Kafka refused the credentials for cluster '${clusterId}'.`, { status: 502, cause: error })
  }
  if (hasCode(error, 'PLT_KFK_NETWORK') || hasCode(error, 'PLT_KFK_TIMEOUT') || hasCode(error, 'PLT_KFK_MULTIPLE')) {
    return kafkaUnavailable(`Kafka cluster '${clusterId}' could not be reached for ${operation}.`, error)
  }
  if (hasCode(error, 'PLT_KFK_USER')) {
    const message = asKafkaError(error)?.message
    return new AppError('INVALID_INPUT', `${operation}: ${typeof message === 'string' ? message : 'invalid request'}`, { status: 400, cause: error })
  }
  return new AppError('KAFKA_ERROR', `${operation} failed on cluster '${clusterId}'.`, { status: 502, cause: error })
}
