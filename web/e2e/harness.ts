// Browser tests: the real local server (real Kafka, real VictoriaLogs) driven by Debian's Chromium.
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Admin } from '../../functions/testing/kafka.ts'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts'
import { commitOffsets, produce } from '../../functions/testing/kafka.ts'
import { adminToken, testDeps, uniqueName } from '../../functions/testing/stack.ts'

export const webRoot = resolve(import.meta.dirname, '..', 'dist')
export const screenshotDir = resolve(import.meta.dirname, '..', 'screenshots')

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export async function startServer(env: Record<string, string> = {}): Promise<LocalServer & { deps: ReturnType<typeof testDeps> }> {
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error('web/dist is missing: the test setup builds it (npm test).')
  const deps = testDeps(env)
  const server = await startLocalServer({ deps, port: 0, webRoot })
  return { ...server, deps, close: async () => { await server.close(); await deps.close() } }
}

/** Keeps the README's screenshots current: every browser run rewrites them. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) })
}

export async function signIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('Access token').fill(token)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/c\/[^/]+\/overview$/)
}

export interface App {
  browser: Browser
  server: Awaited<ReturnType<typeof startServer>>
  page: Page
  brokers: string[]
}

/** One test file's browser, its own local server, and a page signed in with `token`. */
export async function openApp(token: string, opts: { env?: Record<string, string> } = {}): Promise<App> {
  const [browser, server] = await Promise.all([launchBrowser(), startServer(opts.env)])
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  await signIn(page, server.url, token)
  const brokers = server.deps.config.clusters[0]?.brokers ?? []
  return { browser, server, page, brokers }
}

export interface LaggingGroup extends App {
  admin: Admin
  topic: string
  group: string
}

/**
 * For one test file: an admin's page on its own server, and a classic group on a two-partition
 * topic of 20 records each, committed at 5 and 20 (lag 15). Removed again after the file.
 */
export function laggingGroup(clientId: string): LaggingGroup {
  const fixture = { topic: uniqueName('ui-payments'), group: uniqueName('ui-billing') } as LaggingGroup
  beforeAll(async () => {
    Object.assign(fixture, await openApp(adminToken))
    const { brokers, topic, group } = fixture
    fixture.admin = new Admin({ clientId, bootstrapBrokers: brokers })
    await fixture.admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 })
    await produce(brokers, topic, Array.from({ length: 40 }, (_, i) => ({ value: `payment ${i}`, partition: i % 2 })))
    await commitOffsets(brokers, group, topic, { 0: 5, 1: 20 })
  })
  afterAll(async () => {
    await fixture.admin?.deleteGroups({ groups: [fixture.group] }).catch(() => {})
    await fixture.admin?.deleteTopics({ topics: [fixture.topic] }).catch(() => {})
    await fixture.admin?.close()
    await fixture.browser?.close()
    await fixture.server?.close()
  })
  return fixture
}
