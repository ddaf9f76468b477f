// Indexing plans in DynamoDB (the stack's plan table), behind core's PlanStore interface.
// Table: partition key `cluster`, sort key `topic`. One item per topic holds its settings as JSON;
// one item per cluster (topic `#meta`, which no Kafka topic name can be) holds the plan's version.
// Readers poll the version with one GetItem; a writer changes one topic and bumps the version in
// one transaction conditioned on the version it read, so a concurrent change is refused, not lost.
import type {
  AttributeValue, QueryCommandOutput, TransactWriteItem,
} from '@aws-sdk/client-dynamodb'
import { AppError } from '../core/errors.ts'
import { LazyDynamo, type DynamoCommand, type DynamoSdk, type DynamoSender } from './dynamo-client.ts'
import { parseStoredPlan, planConflict, type PlanStore, type VersionedPlan } from '../core/indexing/plan-store.ts'
import type { IndexingPlan, TopicPlan } from '../core/indexing/plan.ts'

/** The sort key of the per-cluster version item. */
export const metaTopic = '#meta'

export type { DynamoSender }

const errorName = (error: unknown) => (error instanceof Error ? error.name : '')

/** A cancelled transaction whose version condition failed: someone else wrote first. */
function conditionFailed(error: unknown): boolean {
  if (errorName(error) === 'ConditionalCheckFailedException') return true
  if (errorName(error) !== 'TransactionCanceledException') return false
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []
  // Without reasons (some DynamoDB-compatible servers leave them out) the message still says why.
  return reasons.some((r) => r.Code === 'ConditionalCheckFailed') || /ConditionalCheckFailed/.test((error as Error).message)
}

export class DynamoPlanStore implements PlanStore {
  readonly writable = true
  readonly table: string
  readonly #dynamo: LazyDynamo

  constructor(table: string, client?: DynamoSender) {
    this.table = table
    this.#dynamo = new LazyDynamo(client)
  }

  /** The SDK is loaded on the first call: only plan routes and the indexer need it. */
  async #call<T>(what: string, build: (sdk: DynamoSdk) => DynamoCommand): Promise<T> {
    try {
      return await this.#dynamo.send<T>(build)
    } catch (error: unknown) {
      if (conditionFailed(error)) throw error
      throw this.#unavailable(what, error)
    }
  }

  #unavailable(what: string, error: unknown): AppError {
    if (errorName(error) === 'ResourceNotFoundException') {
      return new AppError('PLAN_STORE_UNAVAILABLE', `The plan table '${this.table}' does not exist (KAFKA_PLUS_PLAN_TABLE).`, { status: 503, cause: error })
    }
    // The SDK's own text (endpoint, request ids) goes to the server log through the cause only.
    return new AppError('PLAN_STORE_UNAVAILABLE', `The plan table '${this.table}' could not be ${what} (${errorName(error) || 'error'}).`, { status: 503, retryable: true, cause: error })
  }

  async version(cluster: string): Promise<string> {
    const answer = await this.#call<{ Item?: Record<string, AttributeValue> }>('read', (sdk) => new sdk.GetItemCommand({
      TableName: this.table,
      Key: { cluster: { S: cluster }, topic: { S: metaTopic } },
      ConsistentRead: true,
      ProjectionExpression: '#v',
      ExpressionAttributeNames: { '#v': 'version' },
    }))
    return answer.Item?.version?.N ?? '0'
  }

  async read(cluster: string): Promise<VersionedPlan> {
    const topics: TopicPlan[] = []
    let version = '0'
    let start: Record<string, AttributeValue> | undefined
    // Every item of the cluster, the version item included, in one consistent query (paged).
    do {
      const page: QueryCommandOutput = await this.#call('read', (sdk) => new sdk.QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'cluster = :c',
        ExpressionAttributeValues: { ':c': { S: cluster } },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }))
      for (const item of page.Items ?? []) {
        if (item.topic?.S === metaTopic) version = item.version?.N ?? '0'
        else topics.push(this.#topicOf(item))
      }
      start = page.LastEvaluatedKey
    } while (start)
    const plan = parseStoredPlan({ cluster, topics }, `in the table '${this.table}'`, cluster)
    plan.topics.sort((a, b) => a.topic.localeCompare(b.topic))
    return { plan, version }
  }

  #topicOf(item: Record<string, AttributeValue>): TopicPlan {
    try {
      return JSON.parse(item.settings?.S ?? '') as TopicPlan
    } catch {
      // Validated by parseStoredPlan, which names the field; an unreadable item is reported the same way.
      return { topic: item.topic?.S ?? '?' } as TopicPlan
    }
  }

  async load(cluster: string): Promise<IndexingPlan> {
    return (await this.read(cluster)).plan
  }

  async setTopic(cluster: string, topic: string, settings: TopicPlan | null, expectedVersion: string): Promise<void> {
    const expected = Number(expectedVersion)
    // Not a version this store handed out (another store's, or none): it cannot be current.
    if (!Number.isSafeInteger(expected) || expected < 0) throw planConflict(cluster)
    const bumpVersion: TransactWriteItem = {
      Update: {
        TableName: this.table,
        Key: { cluster: { S: cluster }, topic: { S: metaTopic } },
        UpdateExpression: 'SET #v = :next, updatedAt = :now',
        // Version 0 is a plan nobody wrote yet: its version item must not exist.
        ConditionExpression: expected === 0 ? 'attribute_not_exists(#v)' : '#v = :expected',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: {
          ':next': { N: String(expected + 1) },
          ':now': { S: new Date().toISOString() },
          ...(expected === 0 ? {} : { ':expected': { N: String(expected) } }),
        },
      },
    }
    const key = { cluster: { S: cluster }, topic: { S: topic } }
    const change: TransactWriteItem = settings
      ? { Put: { TableName: this.table, Item: { ...key, settings: { S: JSON.stringify(settings) } } } }
      : { Delete: { TableName: this.table, Key: key } }
    try {
      await this.#call('written', (sdk) => new sdk.TransactWriteItemsCommand({ TransactItems: [bumpVersion, change] }))
    } catch (error: unknown) {
      if (conditionFailed(error)) throw planConflict(cluster)
      throw error
    }
  }
}
