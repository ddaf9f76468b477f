// Delivery: each notification to each of its rule's destinations, through one sink interface.
// Webhooks go out over a keep-alive pool per origin (core/http/pool.ts) with a deadline
// per attempt and a bounded number of attempts; SNS goes through a publisher the entry point
// hands in (functions/aws/sns-alert-topic.ts), so the core never imports the AWS SDK.
// Webhook URLs are secrets: no error text or log line here carries one.
import type { DeliveryResult } from '../../contract/alerts.ts'
import { HttpTimeoutError, keepAlivePool, type KeepAlivePool } from '../http/pool.ts'
import type { Notification, StoredDestination } from './model.ts'
import { genericPayload, slackPayload, snsSubject, teamsPayload } from './render.ts'

/** Publishes to the deployment's SNS topic. */
export interface AlertTopicPublisher {
  publish(subject: string, message: string): Promise<void>
}

export interface DeliverySink {
  deliver(destination: StoredDestination, notification: Notification): Promise<DeliveryResult>
  close(): Promise<void>
}

export interface WebhookOptions {
  /** Per attempt, connect to last body byte. */
  timeoutMs: number
  /** Attempts in all (1 = no retry). */
  attempts: number
  /** Wait before the second attempt; doubled for each further one. */
  backoffMs?: number
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500

/** An error's kind without its text (which may name the URL): "ECONNREFUSED", "timeout". */
function errorKind(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    if (error.name === 'TimeoutError' || error.name === 'AbortError' || error instanceof HttpTimeoutError) return 'timeout'
    return typeof code === 'string' ? code : error.name
  }
  return 'error'
}

export class AlertDelivery implements DeliverySink {
  readonly #pools = new Map<string, KeepAlivePool>()
  readonly #options: Required<WebhookOptions>
  readonly #topic: AlertTopicPublisher | undefined

  constructor(options: WebhookOptions, topic?: AlertTopicPublisher) {
    this.#options = { backoffMs: 250, ...options }
    this.#topic = topic
  }

  get snsAvailable(): boolean {
    return this.#topic !== undefined
  }

  async deliver(destination: StoredDestination, n: Notification): Promise<DeliveryResult> {
    const base = { destinationId: destination.id, kind: destination.kind }
    if (destination.kind === 'sns') {
      if (!this.#topic) return { ...base, ok: false, attempts: 0, error: 'No SNS topic is configured (KAFKA_PLUS_ALERTS_SNS_TOPIC_ARN).' }
      try {
        await this.#topic.publish(snsSubject(n), JSON.stringify(genericPayload(n)))
        return { ...base, ok: true, attempts: 1 }
      } catch (error: unknown) {
        return { ...base, ok: false, attempts: 1, error: `SNS publish failed (${error instanceof Error ? error.name : 'error'})` }
      }
    }
    const body = destination.kind === 'slack' ? slackPayload(n) : destination.kind === 'teams' ? teamsPayload(n) : genericPayload(n)
    return { ...base, ...(await this.#post(destination.url ?? '', JSON.stringify(body))) }
  }

  async #post(text: string, body: string): Promise<Omit<DeliveryResult, 'destinationId' | 'kind'>> {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      return { ok: false, attempts: 0, error: 'The webhook URL is not valid.' }
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, attempts: 0, error: 'Only http(s) webhooks are delivered to.' }
    const { timeoutMs, attempts, backoffMs } = this.#options
    let last: Omit<DeliveryResult, 'destinationId' | 'kind'> = { ok: false, attempts: 0 }
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 2)))
      try {
        const answer = await this.#pool(url.origin).request({
          method: 'POST', path: `${url.pathname}${url.search}`, body,
          headers: { 'content-type': 'application/json', 'user-agent': 'kafka-plus-alerts' },
          headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs),
        })
        await answer.body.dump()
        if (answer.statusCode >= 200 && answer.statusCode < 300) return { ok: true, status: answer.statusCode, attempts: attempt }
        last = { ok: false, status: answer.statusCode, attempts: attempt, error: `HTTP ${answer.statusCode}` }
        if (!retryable(answer.statusCode)) return last
      } catch (error: unknown) {
        last = { ok: false, attempts: attempt, error: errorKind(error) }
      }
    }
    return last
  }

  #pool(origin: string): KeepAlivePool {
    let pool = this.#pools.get(origin)
    if (!pool) this.#pools.set(origin, pool = keepAlivePool(origin, { connections: 2, connectTimeoutMs: this.#options.timeoutMs }))
    return pool
  }

  async close(): Promise<void> {
    await Promise.all([...this.#pools.values()].map((p) => p.close()))
    this.#pools.clear()
  }
}
