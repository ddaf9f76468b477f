// AWS Glue Schema Registry through @aws-sdk/client-glue, with the function's IAM role: the
// adapter behind core's GlueSchemaApi (functions/core/schemas/glue.ts). Outside core, like the
// MSK IAM signer, so core never imports the AWS SDK; the SDK is loaded on first use, only by
// processes that have a Glue registry configured.
import { schemaNotFound, schemaRegistryError, schemaRegistryUnavailable } from '../core/errors.ts'
import { glueDataFormat, type GlueApiFactory, type GlueRegistrySettings, type GlueSchemaApi, type GlueSchemaSummary, type GlueSchemaVersion } from '../core/schemas/glue.ts'

export type GlueOperation = 'GetSchemaVersion' | 'ListSchemas' | 'ListSchemaVersions' | 'GetSchema'

/** One Glue API call: the operation's input and output as AWS documents them (PascalCase fields). */
export type GlueSend = (operation: GlueOperation, input: Record<string, unknown>) => Promise<Record<string, unknown>>

/** The part of @aws-sdk/client-glue used here. */
type GlueSdk = {
  GlueClient: new (config: { region: string }) => { send(command: unknown): Promise<Record<string, unknown>>; destroy(): void }
} & { [command in `${GlueOperation}Command`]: new (input: Record<string, unknown>) => unknown }

// A variable, not a literal: the package is optional (only Glue registries need it), so neither
// the type-checker nor the bundler should insist on it being installed.
const sdkModule = '@aws-sdk/client-glue'

function sdkSend(region: string): { send: GlueSend; close(): void } {
  let client: Promise<{ sdk: GlueSdk; client: InstanceType<GlueSdk['GlueClient']> }> | undefined
  const load = () => (client ??= (import(sdkModule) as Promise<GlueSdk>).then((sdk) => ({ sdk, client: new sdk.GlueClient({ region }) })))
  return {
    async send(operation, input) {
      const { sdk, client: glue } = await load()
      return glue.send(new sdk[`${operation}Command`](input))
    },
    close() {
      void client?.then((c) => c.client.destroy(), () => {})
    },
  }
}

/** arn:aws:glue:<region>:<account>:schema/<registry>/<schema> → registry and schema names. */
function namesFromArn(arn: unknown): { registryName?: string; schemaName?: string } {
  const match = typeof arn === 'string' ? /:schema\/([^/]+)\/(.+)$/.exec(arn) : null
  return match ? { registryName: match[1] as string, schemaName: match[2] as string } : {}
}

function toVersion(output: Record<string, unknown>): GlueSchemaVersion {
  const names = namesFromArn(output.SchemaArn)
  return {
    schemaVersionId: String(output.SchemaVersionId),
    dataFormat: glueDataFormat(output.DataFormat),
    definition: String(output.SchemaDefinition ?? ''),
    ...names,
    ...(typeof output.VersionNumber === 'number' ? { versionNumber: output.VersionNumber } : {}),
  }
}

/** AWS's exception names → this product's errors; AWS's own words stay in the cause. */
function mapError(error: unknown, what: string): Error {
  const name = (error as { name?: unknown } | null)?.name
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode
  if (name === 'EntityNotFoundException') return Object.assign(schemaNotFound(what), { cause: error })
  if (name === 'AccessDeniedException') return schemaRegistryError('AWS Glue refused access to the schema registry (check the IAM role).', 403, error)
  if (name === 'InvalidInputException') return schemaRegistryError(`AWS Glue refused the request for ${what}.`, 400, error)
  if (typeof status === 'number' && status >= 400 && status < 500 && status !== 429) return schemaRegistryError(`AWS Glue answered ${status}.`, status, error)
  return schemaRegistryUnavailable('AWS Glue could not be reached.', error)
}

/** Follows NextToken until the listing ends (bounded: a registry of 100,000 schemas is an accident). */
async function listAll(send: GlueSend, operation: GlueOperation, input: Record<string, unknown>, what: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = []
  let nextToken: unknown
  for (let page = 0; page < 1_000; page++) {
    let output: Record<string, unknown>
    try {
      output = await send(operation, { ...input, MaxResults: 100, ...(nextToken ? { NextToken: nextToken } : {}) })
    } catch (error: unknown) {
      throw mapError(error, what)
    }
    items.push(...(Array.isArray(output.Schemas) ? output.Schemas as Record<string, unknown>[] : []))
    nextToken = output.NextToken
    if (!nextToken) break
  }
  return items
}

/** The Glue API of one registry; `send` stands in for the SDK in tests. */
export function createGlueSchemaApi(settings: GlueRegistrySettings, send?: GlueSend): GlueSchemaApi {
  const sdk = send ? undefined : sdkSend(settings.region)
  const call = send ?? (sdk as { send: GlueSend }).send
  const schemaId = (schemaName: string) => ({ RegistryName: settings.registryName, SchemaName: schemaName })
  const request = async (operation: GlueOperation, input: Record<string, unknown>, what: string) => {
    try {
      return await call(operation, input)
    } catch (error: unknown) {
      throw mapError(error, what)
    }
  }
  return {
    async getSchemaVersion(schemaVersionId) {
      return toVersion(await request('GetSchemaVersion', { SchemaVersionId: schemaVersionId }, `version ${schemaVersionId}`))
    },
    async getSchemaVersionByNumber(schemaName, version) {
      const SchemaVersionNumber = version === 'latest' ? { LatestVersion: true } : { VersionNumber: version }
      return toVersion(await request('GetSchemaVersion', { SchemaId: schemaId(schemaName), SchemaVersionNumber }, `version ${version} of '${schemaName}'`))
    },
    async listSchemas() {
      const schemas = await listAll(call, 'ListSchemas', { RegistryId: { RegistryName: settings.registryName } }, `registry '${settings.registryName}'`)
      return schemas.map((s): GlueSchemaSummary => ({ schemaName: String(s.SchemaName) }))
    },
    async listSchemaVersions(schemaName) {
      const versions = await listAll(call, 'ListSchemaVersions', { SchemaId: schemaId(schemaName) }, `'${schemaName}'`)
      return versions.map((v) => Number(v.VersionNumber)).filter((n) => Number.isInteger(n))
    },
    async getSchema(schemaName) {
      const output = await request('GetSchema', { SchemaId: schemaId(schemaName) }, `'${schemaName}'`)
      return {
        schemaName: String(output.SchemaName ?? schemaName),
        ...(output.DataFormat ? { dataFormat: glueDataFormat(output.DataFormat) } : {}),
        ...(typeof output.Compatibility === 'string' ? { compatibility: output.Compatibility } : {}),
      }
    },
    close: () => sdk?.close(),
  }
}

/** For the entry points (createDeps' glueSchemaApi): Glue registries through the AWS SDK. */
export const glueSchemaApi: GlueApiFactory = (settings) => createGlueSchemaApi(settings)
