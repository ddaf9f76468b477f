// Alerts to the stack's SNS topic (KafkaPlusAlertsTopic): core's AlertTopicPublisher over
// @aws-sdk/client-sns, loaded on the first publish only (most invocations never publish).
import type { PublishCommand } from '@aws-sdk/client-sns'
import type { AlertTopicPublisher } from '../core/alerts/deliver.ts'

/** The part of SNSClient used here, so tests can hand in a client of their own. */
export interface SnsSender {
  send(command: PublishCommand): Promise<unknown>
}

export class SnsAlertTopic implements AlertTopicPublisher {
  readonly topicArn: string
  #client: SnsSender | undefined
  #sdk: typeof import('@aws-sdk/client-sns') | undefined

  constructor(topicArn: string, client?: SnsSender) {
    this.topicArn = topicArn
    this.#client = client
  }

  async publish(subject: string, message: string): Promise<void> {
    this.#sdk ??= await import('@aws-sdk/client-sns')
    this.#client ??= new this.#sdk.SNSClient({})
    await this.#client.send(new this.#sdk.PublishCommand({ TopicArn: this.topicArn, Subject: subject, Message: message }))
  }
}
