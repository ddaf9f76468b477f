// Alert rules' store and delivery, built from the configuration: by the API's deps (runtime.ts)
// and by the sampler Lambda, which evaluates rules after each sample and needs nothing else of them.
import type { AppConfig } from '../core/config.ts'
import { AlertDelivery } from '../core/alerts/deliver.ts'
import type { AlertServices } from '../core/alerts/evaluate.ts'
import { FileAlertStore, MemoryAlertStore, NoAlertStore, type AlertStore } from '../core/alerts/store.ts'
import { DynamoAlertStore } from '../aws/dynamo-alert-store.ts'
import type { DynamoSender } from '../aws/dynamo-client.ts'
import { SnsAlertTopic, type SnsSender } from '../aws/sns-alert-topic.ts'

export interface AlertRuntimeOptions {
  /** Stand-in for the DynamoDB client (tests); by default the SDK's, made on first use. */
  dynamoClient?: DynamoSender | undefined
  /** Stand-in for the SNS client (tests); by default the SDK's, made on the first publish. */
  snsClient?: SnsSender | undefined
  /** Alert rules and state elsewhere than config.alerts.store says (tests share one store). */
  alertStore?: AlertStore | undefined
}

function createAlertStore(config: AppConfig, dynamoClient?: DynamoSender): AlertStore {
  const { store } = config.alerts
  if (store.kind === 'file') return new FileAlertStore(store.home)
  if (store.kind === 'memory') return new MemoryAlertStore()
  if (store.kind === 'dynamodb') return new DynamoAlertStore(store.table, dynamoClient)
  return new NoAlertStore()
}

export type AlertRuntime = AlertServices & { snsAvailable: boolean; close(): Promise<void> }

export function createAlertRuntime(config: AppConfig, options: AlertRuntimeOptions = {}): AlertRuntime {
  const { snsTopicArn, webhookTimeoutMs, webhookAttempts } = config.alerts
  const delivery = new AlertDelivery({ timeoutMs: webhookTimeoutMs, attempts: webhookAttempts }, snsTopicArn ? new SnsAlertTopic(snsTopicArn, options.snsClient) : undefined)
  return {
    store: options.alertStore ?? createAlertStore(config, options.dynamoClient),
    delivery,
    snsAvailable: delivery.snsAvailable,
    close: () => delivery.close(),
  }
}
