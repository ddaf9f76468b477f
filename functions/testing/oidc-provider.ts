// A real OpenID provider for sign-in tests: oidc-provider.server.ts in a Node process of its own
// on a random port (transpiled by esbuild and fed to node on stdin, resolved from the repository
// root), with users, their groups and passwords, and the clients a test registers. Plus a small
// browser for tests: a cookie jar per origin that follows redirects, where each origin is served by
// a fetch function (the provider over HTTP, the app through app.request()).
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { transform } from 'esbuild'

export interface TestUser {
  id: string
  password: string
  email: string
  name: string
  groups: string[]
}

export interface TestClient {
  client_id: string
  /** Unset: a public client (PKCE only). */
  client_secret?: string
  redirect_uris: string[]
}

export interface OidcTestProvider {
  issuer: string
  close(): Promise<void>
}

const root = fileURLToPath(new URL('../../', import.meta.url))
const serverFile = fileURLToPath(new URL('./oidc-provider.server.ts', import.meta.url))

/** Starts the provider; close() it in afterAll. */
export async function startOidcProvider(setup: { users: TestUser[]; clients: TestClient[]; title?: string }): Promise<OidcTestProvider> {
  const { code } = await transform(await readFile(serverFile, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20' })
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '--no-warnings'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', OIDC_TEST_SETUP: JSON.stringify({ title: 'Test Identity Provider', ...setup }) },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  child.stdin?.end(code)
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => { errors += chunk.toString() })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`The test OpenID provider did not start within 20 s: ${errors}`)), 20_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n')[0]
      if (out.includes('\n') && line) {
        clearTimeout(timer)
        resolve((JSON.parse(line) as { issuer: string }).issuer)
      }
    })
    child.once('exit', (status) => {
      clearTimeout(timer)
      reject(new Error(`The test OpenID provider exited (${status}): ${errors}`))
    })
  })
  return {
    issuer,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

type Fetcher = (request: Request) => Promise<Response>

/** Where a request ends up after redirects, and what it answered there. */
export interface Visit {
  url: string
  response: Response
  body: string
}

/**
 * Enough of a browser for sign-in flows: per-origin cookies (name → value, path ignored: tests
 * only ever need more cookies sent, never fewer), manual redirects, and HTML forms posted by
 * their action. Each origin is reached through the fetcher given for it, or real HTTP.
 */
export class TestBrowser {
  readonly #fetchers: Map<string, Fetcher>
  readonly #cookies = new Map<string, Map<string, string>>()

  constructor(fetchers: Record<string, Fetcher> = {}) {
    this.#fetchers = new Map(Object.entries(fetchers))
  }

  cookie(origin: string, name: string): string | undefined {
    return this.#cookies.get(origin)?.get(name)
  }

  setCookie(origin: string, name: string, value: string): void {
    const jar = this.#cookies.get(origin) ?? new Map<string, string>()
    jar.set(name, value)
    this.#cookies.set(origin, jar)
  }

  async #send(url: URL, init: RequestInit): Promise<Response> {
    const jar = this.#cookies.get(url.origin)
    const headers = new Headers(init.headers)
    if (jar?.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
    const request = new Request(url, { ...init, headers, redirect: 'manual' })
    const response = await (this.#fetchers.get(url.origin) ?? fetch)(request)
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      const gone = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (gone) this.#cookies.get(url.origin)?.delete(name)
      else this.setCookie(url.origin, name, value)
    }
    return response
  }

  /** One request, no redirects followed. */
  request(url: string, init: RequestInit = {}): Promise<Response> {
    return this.#send(new URL(url), init)
  }

  /** A navigation: follows redirects (GET after each) up to 20 times. */
  async open(url: string, init: RequestInit = {}): Promise<Visit> {
    let current = new URL(url)
    let response = await this.#send(current, init)
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      if (hops >= 20) throw new Error(`Too many redirects from ${url}`)
      const location = response.headers.get('location')
      if (!location) break
      await response.body?.cancel()
      current = new URL(location, current)
      response = await this.#send(current, {})
    }
    return { url: current.href, response, body: await response.text() }
  }

  /** Posts the page's form (the one whose action contains `actionPart`) with `fields`, following redirects. */
  submit(page: Visit, actionPart: string, fields: Record<string, string> = {}): Promise<Visit> {
    const actions = [...page.body.matchAll(/<form[^>]*action="([^"]+)"/g)].map((m) => m[1] as string)
    const action = actions.find((a) => a.includes(actionPart))
    if (!action) throw new Error(`No form posting to *${actionPart}* on ${page.url}: ${page.body.slice(0, 300)}`)
    return this.open(new URL(action.replaceAll('&amp;', '&'), page.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
  }
}
