// "Sample now" on AWS: the API invokes the sampler function asynchronously (InvocationType
// Event) and answers at once; the sample shows up in the storage views when the function is done.
import type { InvokeCommand } from '@aws-sdk/client-lambda'
import { AppError } from '../core/errors.ts'
import type { SampleNow } from '../core/storage/sampler.ts'

/** The part of LambdaClient used here, so tests can stand in for AWS. */
export interface LambdaSender {
  send(command: InvokeCommand): Promise<{ StatusCode?: number; FunctionError?: string }>
}

/** The event the sampler function receives for one cluster (see functions/sampler/lambda.ts). */
export interface SampleNowEvent {
  source: 'kafka-plus'
  task: 'sample'
  cluster: string
  requestedAt: string
}

export function lambdaSampleNow(functionName: string | undefined, client?: LambdaSender): SampleNow {
  let sender = client
  return async (clusterId) => {
    if (!functionName) {
      throw new AppError('SAMPLER_NOT_CONFIGURED', 'Sample now needs SAMPLER_FUNCTION_NAME (the sampler Lambda) in the API environment.', { status: 503 })
    }
    // Loaded on first use: the SDK client only matters to this one route.
    const { InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda')
    sender ??= new LambdaClient({})
    const requestedAt = new Date().toISOString()
    const event: SampleNowEvent = { source: 'kafka-plus', task: 'sample', cluster: clusterId, requestedAt }
    let answer: Awaited<ReturnType<LambdaSender['send']>>
    try {
      answer = await sender.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: JSON.stringify(event) }))
    } catch (error: unknown) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      throw new AppError('SAMPLER_INVOKE_FAILED', `The sampler function could not be invoked (${detail}).`, { status: 502, retryable: true, cause: error })
    }
    // Asynchronous invocations are accepted with 202; anything else means it was not queued.
    if (answer.StatusCode !== 202) {
      throw new AppError('SAMPLER_INVOKE_FAILED', `The sampler function answered ${answer.StatusCode ?? 'nothing'} instead of 202.`, { status: 502, retryable: true })
    }
    return { mode: 'lambda', requestedAt }
  }
}
