// The DynamoDB client the plan and session stores share the shape of: the SDK is loaded on the
// first call (routes that never touch a store never pay for it), and tests hand in a client of
// their own. Each store maps failures to its own problem.
import type { DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb'

export type DynamoSdk = typeof import('@aws-sdk/client-dynamodb')
export type DynamoCommand = GetItemCommand | PutItemCommand | DeleteItemCommand | QueryCommand | TransactWriteItemsCommand

/** The part of DynamoDBClient used here, so tests can hand in a client of their own. */
export interface DynamoSender {
  send(command: DynamoCommand): Promise<unknown>
}

export class LazyDynamo {
  #client: DynamoSender | undefined
  #sdk: DynamoSdk | undefined

  constructor(client?: DynamoSender) {
    this.#client = client
  }

  async send<T>(build: (sdk: DynamoSdk) => DynamoCommand): Promise<T> {
    this.#sdk ??= await import('@aws-sdk/client-dynamodb')
    this.#client ??= new this.#sdk.DynamoDBClient({})
    return await this.#client.send(build(this.#sdk)) as T
  }
}
