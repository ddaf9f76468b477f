// UI sessions in DynamoDB, behind core's SessionStore: the stack's plan table, in a partition of
// their own (`cluster` = '#sessions', which no cluster id can be; `topic` = the session id). Each
// item carries `expiresAt` in epoch seconds, the table's TTL attribute, so DynamoDB deletes
// expired sessions itself (within a day or two; readers ignore them before that). Reads are
// strongly consistent: a session signed in or revoked on one instance is seen by the next request
// on any other (CachedSessionStore in front bounds how stale an instance may be).
import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import type { SessionRecord, SessionStore } from '../core/auth/sessions.ts'
import { byNewest } from '../core/auth/sessions.ts'
import { AppError } from '../core/errors.ts'
import { LazyDynamo, type DynamoCommand, type DynamoSdk, type DynamoSender } from './dynamo-client.ts'

export const sessionsPartition = '#sessions'

export type { DynamoSender }

type Item = Record<string, AttributeValue>

const key = (id: string): Item => ({ cluster: { S: sessionsPartition }, topic: { S: id } })

function toItem(record: SessionRecord): Item {
  return { ...key(record.id), session: { S: JSON.stringify(record) }, expiresAt: { N: String(Math.ceil(record.expiresAt / 1000)) } }
}

function fromItem(item: Item | undefined, now: number): SessionRecord | undefined {
  const text = item?.session?.S
  if (!text) return undefined
  try {
    const record = JSON.parse(text) as SessionRecord
    return typeof record.expiresAt === 'number' && record.expiresAt > now ? record : undefined
  } catch {
    return undefined
  }
}

export class DynamoSessionStore implements SessionStore {
  readonly table: string
  readonly #dynamo: LazyDynamo

  constructor(table: string, client?: DynamoSender) {
    this.table = table
    this.#dynamo = new LazyDynamo(client)
  }

  /** The SDK is loaded on first use: tokens (Bearer) never need it. */
  async #call<T>(what: string, build: (sdk: DynamoSdk) => DynamoCommand): Promise<T> {
    try {
      return await this.#dynamo.send<T>(build)
    } catch (error: unknown) {
      const name = error instanceof Error ? error.name : 'error'
      // The SDK's text (endpoint, request ids) reaches the server log through the cause only.
      throw new AppError('SESSION_STORE_UNAVAILABLE', `Sessions could not be ${what} (table '${this.table}': ${name}).`, { status: 503, retryable: true, cause: error })
    }
  }

  async create(record: SessionRecord): Promise<void> {
    await this.#call('stored', (sdk) => new sdk.PutItemCommand({ TableName: this.table, Item: toItem(record) }))
  }

  async find(id: string, now = Date.now()): Promise<SessionRecord | undefined> {
    const answer = await this.#call<{ Item?: Item }>('read', (sdk) => new sdk.GetItemCommand({ TableName: this.table, Key: key(id), ConsistentRead: true }))
    return fromItem(answer.Item, now)
  }

  async revoke(id: string): Promise<boolean> {
    const answer = await this.#call<{ Attributes?: Item }>('revoked', (sdk) => new sdk.DeleteItemCommand({ TableName: this.table, Key: key(id), ReturnValues: 'ALL_OLD' }))
    return fromItem(answer.Attributes, Date.now()) !== undefined
  }

  async list(now = Date.now()): Promise<SessionRecord[]> {
    const records: SessionRecord[] = []
    let start: Item | undefined
    do {
      const page: { Items?: Item[]; LastEvaluatedKey?: Item } = await this.#call('listed', (sdk) => new sdk.QueryCommand({
        TableName: this.table,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': 'cluster' },
        ExpressionAttributeValues: { ':p': { S: sessionsPartition } },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }))
      for (const item of page.Items ?? []) {
        const record = fromItem(item, now)
        if (record) records.push(record)
      }
      start = page.LastEvaluatedKey
    } while (start)
    return records.sort(byNewest)
  }
}
