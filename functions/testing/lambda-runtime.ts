// The child side of functions/testing/lambda-bundle.ts: a stand-in for the AWS Lambda Node.js
// runtime, run in a fresh Node process (bundled by esbuild, as Node 20 cannot run TypeScript).
// Like the real runtime it provides the `awslambda` global before the handler's module loads,
// imports `_HANDLER` from LAMBDA_TASK_ROOT, and calls the handler with (event, context) or, for a
// handler wrapped by awslambda.streamifyResponse, (event, responseStream, context). A streamed
// response is forwarded chunk by chunk as written, in Lambda's wire format (a JSON prelude with
// status and headers, eight NUL bytes, then the body). Invocations come over the IPC channel, one
// at a time as Lambda sends them to an instance; the process stays warm between them.
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'

/** What the parent sends: one invocation. */
export interface InvokeMessage {
  type: 'invoke'
  id: number
  event: unknown
  requestId: string
  deadlineMs: number
}

/** Lambda's error shape for a failed invocation (and a failed init). */
export interface LambdaError {
  errorType: string
  errorMessage: string
  trace: string[]
}

/** What the child sends back. */
export type RuntimeMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: LambdaError }
  | { type: 'chunk'; id: number; data: string }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: LambdaError }

/** What the real runtime marks a streaming handler with (aws-lambda-nodejs-runtime-interface-client). */
const handlerStreaming = Symbol.for('aws.lambda.runtime.handler.streaming')
/** Eight NUL bytes end the prelude of an HTTP response stream. */
const preludeDelimiter = new Uint8Array(8)

type StreamingHandler = ((event: unknown, stream: Writable, context: object) => Promise<unknown>) & { [handlerStreaming]?: string }

Object.assign(globalThis, {
  awslambda: {
    streamifyResponse(handler: StreamingHandler) {
      handler[handlerStreaming] = 'response'
      return handler
    },
    HttpResponseStream: {
      from(stream: Writable, prelude: object) {
        stream.write(Buffer.from(JSON.stringify(prelude)))
        stream.write(preludeDelimiter)
        return stream
      },
    },
  },
})

const send = (message: RuntimeMessage) => new Promise<void>((resolve, reject) => {
  process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve()))
})

function lambdaError(error: unknown): LambdaError {
  if (error instanceof Error) return { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') }
  return { errorType: 'Error', errorMessage: String(error), trace: [] }
}

const env = process.env
// `_HANDLER` is "<file>.<export>": the file is looked up in the task root with Node's extensions.
const handlerSpec = env._HANDLER ?? ''
const dot = handlerSpec.lastIndexOf('.')
const [moduleName, exportName] = [handlerSpec.slice(0, dot), handlerSpec.slice(dot + 1)]

let handler: StreamingHandler
try {
  const module = await import(pathToFileURL(join(env.LAMBDA_TASK_ROOT ?? process.cwd(), `${moduleName}.mjs`)).href) as Record<string, unknown>
  const found = module[exportName]
  if (typeof found !== 'function') throw Object.assign(new Error(`${handlerSpec} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' })
  handler = found as StreamingHandler
} catch (error: unknown) {
  await send({ type: 'init-error', error: lambdaError(error) })
  process.exit(1)
}

function contextFor(message: InvokeMessage) {
  const name = env.AWS_LAMBDA_FUNCTION_NAME ?? ''
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${env.AWS_REGION}:123456789012:function:${name}`,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '1024',
    awsRequestId: message.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - Date.now()),
  }
}

async function invoke(message: InvokeMessage): Promise<void> {
  const context = contextFor(message)
  try {
    if (handler[handlerStreaming] === 'response') {
      // Each write reaches the parent before the next is taken, like bytes on Lambda's stream.
      const stream = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          send({ type: 'chunk', id: message.id, data: Buffer.from(chunk).toString('base64') }).then(() => callback(), callback)
        },
      })
      const result = await handler(message.event, stream, context)
      // The response is complete when its stream is (the last chunks may still be on their way).
      if (!stream.writableEnded) stream.end()
      await finished(stream)
      await send({ type: 'result', id: message.id, result: result ?? null })
    } else {
      const result = await (handler as unknown as (event: unknown, context: object) => Promise<unknown>)(message.event, context)
      await send({ type: 'result', id: message.id, result: result ?? null })
    }
  } catch (error: unknown) {
    await send({ type: 'error', id: message.id, error: lambdaError(error) })
  }
}

// One invocation at a time per instance, as Lambda does.
let queue = Promise.resolve()
process.on('message', (message: InvokeMessage) => {
  queue = queue.then(() => invoke(message))
})
await send({ type: 'ready' })
