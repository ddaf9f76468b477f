// Alert rules, dedupe state and history in DynamoDB (the stack's alerts table), behind core's
// AlertStore. Table: partition key `cluster`, sort key `item`: `rule#<id>` (one per rule, as
// JSON), `state` (the cluster's dedupe state, written by the sampler only), `history#<time>#<id>`
// (one per message sent, deleted by DynamoDB after 90 days through `expiresAt`).
import type { AttributeValue, QueryCommandOutput } from '@aws-sdk/client-dynamodb'
import type { AlertHistoryEntry } from '../contract/alerts.ts'
import type { ConditionState } from '../core/alerts/dedupe.ts'
import type { StoredRule } from '../core/alerts/model.ts'
import type { AlertStore } from '../core/alerts/store.ts'
import { AppError } from '../core/errors.ts'
import { LazyDynamo, type DynamoCommand, type DynamoSdk, type DynamoSender } from './dynamo-client.ts'

const historyTtlSeconds = 90 * 86_400

const errorName = (error: unknown) => (error instanceof Error ? error.name : '')

export class DynamoAlertStore implements AlertStore {
  readonly writable = true
  readonly table: string
  readonly #dynamo: LazyDynamo

  constructor(table: string, client?: DynamoSender) {
    this.table = table
    this.#dynamo = new LazyDynamo(client)
  }

  async #call<T>(what: string, build: (sdk: DynamoSdk) => DynamoCommand): Promise<T> {
    try {
      return await this.#dynamo.send<T>(build)
    } catch (error: unknown) {
      // The SDK's text (endpoint, request ids) reaches the server log through the cause only.
      throw new AppError('ALERT_STORE_UNAVAILABLE', `The alerts table '${this.table}' could not be ${what} (${errorName(error) || 'error'}).`, { status: 503, retryable: true, cause: error })
    }
  }

  async #query(cluster: string, prefix: string, limit?: number, newestFirst = false): Promise<Record<string, AttributeValue>[]> {
    const items: Record<string, AttributeValue>[] = []
    let start: Record<string, AttributeValue> | undefined
    do {
      const page: QueryCommandOutput = await this.#call('read', (sdk) => new sdk.QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'cluster = :c AND begins_with(#i, :p)',
        ExpressionAttributeNames: { '#i': 'item' },
        ExpressionAttributeValues: { ':c': { S: cluster }, ':p': { S: prefix } },
        ConsistentRead: true,
        ScanIndexForward: !newestFirst,
        ...(limit ? { Limit: limit - items.length } : {}),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }))
      items.push(...(page.Items ?? []))
      start = page.LastEvaluatedKey
    } while (start && (!limit || items.length < limit))
    return items
  }

  async rules(cluster: string): Promise<StoredRule[]> {
    const items = await this.#query(cluster, 'rule#')
    return items.map((i) => JSON.parse(i.data?.S ?? '{}') as StoredRule).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  }

  async putRule(rule: StoredRule): Promise<void> {
    await this.#call('written', (sdk) => new sdk.PutItemCommand({
      TableName: this.table,
      Item: { cluster: { S: rule.cluster }, item: { S: `rule#${rule.id}` }, data: { S: JSON.stringify(rule) } },
    }))
  }

  async deleteRule(cluster: string, id: string): Promise<boolean> {
    const answer = await this.#call<{ Attributes?: Record<string, AttributeValue> }>('written', (sdk) => new sdk.DeleteItemCommand({
      TableName: this.table, Key: { cluster: { S: cluster }, item: { S: `rule#${id}` } }, ReturnValues: 'ALL_OLD',
    }))
    return answer.Attributes !== undefined
  }

  async states(cluster: string): Promise<ConditionState[]> {
    const answer = await this.#call<{ Item?: Record<string, AttributeValue> }>('read', (sdk) => new sdk.GetItemCommand({
      TableName: this.table, Key: { cluster: { S: cluster }, item: { S: 'state' } }, ConsistentRead: true,
    }))
    return answer.Item?.data?.S ? JSON.parse(answer.Item.data.S) as ConditionState[] : []
  }

  async saveStates(cluster: string, states: ConditionState[]): Promise<void> {
    await this.#call('written', (sdk) => new sdk.PutItemCommand({
      TableName: this.table, Item: { cluster: { S: cluster }, item: { S: 'state' }, data: { S: JSON.stringify(states) } },
    }))
  }

  async addHistory(cluster: string, entries: AlertHistoryEntry[]): Promise<void> {
    for (const entry of entries) {
      const expiresAt = Math.floor(Date.parse(entry.sentAt) / 1000) + historyTtlSeconds
      await this.#call('written', (sdk) => new sdk.PutItemCommand({
        TableName: this.table,
        Item: { cluster: { S: cluster }, item: { S: `history#${entry.sentAt}#${entry.id}` }, data: { S: JSON.stringify(entry) }, expiresAt: { N: String(expiresAt) } },
      }))
    }
  }

  async history(cluster: string, limit: number): Promise<AlertHistoryEntry[]> {
    const items = await this.#query(cluster, 'history#', limit, true)
    return items.map((i) => JSON.parse(i.data?.S ?? '{}') as AlertHistoryEntry)
  }
}
