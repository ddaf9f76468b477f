// HTTP to the OpenID provider: one request on a connection of its own, with a deadline, no redirects, and answers read
// up to a cap, so a slow or hostile provider costs neither a Lambda's time nor its memory.
import { requestOnce, type PoolResponse } from '../../http/pool.ts'
import { ssoProviderUnavailable } from './errors.ts'

export const providerTimeoutMs = 5_000
const maxAnswerBytes = 512 * 1024

export interface ProviderAnswer {
  status: number
  body: unknown
}

async function readCapped(body: AsyncIterable<Uint8Array>, what: string): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > maxAnswerBytes) throw ssoProviderUnavailable(`The OpenID provider's ${what} answer is larger than ${maxAnswerBytes / 1024} KiB.`)
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A JSON answer from the provider; non-JSON bodies and transport failures are SSO_PROVIDER_UNAVAILABLE. */
export async function callProvider(url: string, what: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; form?: Record<string, string> } = {}): Promise<ProviderAnswer> {
  let response: PoolResponse
  try {
    response = await requestOnce(url, {
      method: init.method ?? 'GET',
      headers: { accept: 'application/json', ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...init.headers },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
      headersTimeout: providerTimeoutMs,
      bodyTimeout: providerTimeoutMs,
      signal: AbortSignal.timeout(providerTimeoutMs * 2),
    })
  } catch (error: unknown) {
    throw ssoProviderUnavailable(`The OpenID provider's ${what} could not be reached.`, error)
  }
  let text: string
  try {
    text = await readCapped(response.body, what)
  } catch (error: unknown) {
    response.body.destroy()
    if (error instanceof Error && error.name === 'AppError') throw error
    throw ssoProviderUnavailable(`The OpenID provider's ${what} answer could not be read.`, error)
  }
  try {
    return { status: response.statusCode, body: JSON.parse(text) as unknown }
  } catch (error: unknown) {
    throw ssoProviderUnavailable(`The OpenID provider's ${what} answered HTTP ${response.statusCode} without JSON.`, error)
  }
}
