// One bound for a Kafka call that may never answer (a dead broker): KAFKA_UNAVAILABLE after `ms`.
import { kafkaUnavailable } from '../errors.ts'

export function withKafkaTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(kafkaUnavailable(message)), ms) })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
