// Lambda entry (Function URL with response streaming). Thin: builds the app once per instance.
import { Hono } from 'hono'
import { lambdaSampleNow } from '../aws/invoke-sampler.ts'
import { mskIamTokenProvider } from '../aws/msk-iam.ts'
import { runtimeEnv } from '../aws/resources.ts'
import { glueSchemaApi } from '../aws/glue-schemas.ts'
import { loadConfig } from '../core/config.ts'
import { createApp } from './app.ts'
import { streamingHandler } from './lambda-stream.ts'
import { problemResponse, toProblem } from './problem.ts'
import { createDeps } from './runtime.ts'

// Secrets and the cluster list come from SST's linked resources, read once per instance.
async function buildApp(): Promise<Hono> {
  try {
    const config = loadConfig(await runtimeEnv())
    const sampleNow = lambdaSampleNow(config.samplerFunctionName)
    return createApp(createDeps(config, { oauthTokenProvider: mskIamTokenProvider, sampleNow, glueSchemaApi })) as unknown as Hono
  } catch (error: unknown) {
    // A configuration mistake (a malformed linked secret too) answers every request with its
    // problem instead of crashing init.
    const problem = toProblem(error)
    return new Hono().all('*', () => problemResponse(problem))
  }
}

// Not hono/aws-lambda's streamHandle(): this one notices a client that went away (lambda-stream.ts).
export const handler = streamingHandler(await buildApp())
