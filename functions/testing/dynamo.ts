// A DynamoDB client on moto's server (scripts/lib/moto.mjs, started by the test setup) and plan
// tables of unique names that tests create and delete themselves.
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { inject } from 'vitest'
import { uniqueName } from './stack.ts'

/** moto accepts any credentials; the region must match between writers and readers. */
export const motoEnv = () => ({
  AWS_ENDPOINT_URL: inject('awsEndpointUrl'),
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
})

export function motoDynamoClient(): DynamoDBClient {
  const env = motoEnv()
  return new DynamoDBClient({
    endpoint: env.AWS_ENDPOINT_URL, region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  })
}

/** A plan table as the stack declares it (partition key cluster, sort key topic); delete it after. */
export async function createPlanTable(client: DynamoDBClient, prefix = 'it-plans'): Promise<{ table: string; drop(): Promise<void> }> {
  const table = uniqueName(prefix)
  await client.send(new CreateTableCommand({
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'cluster', AttributeType: 'S' }, { AttributeName: 'topic', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'cluster', KeyType: 'HASH' }, { AttributeName: 'topic', KeyType: 'RANGE' }],
  }))
  return { table, drop: async () => { await client.send(new DeleteTableCommand({ TableName: table })) } }
}
