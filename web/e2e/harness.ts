// Browser tests: the real local server (real Kafka, real VictoriaLogs) driven by Debian's Chromium.
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts'
import { testDeps } from '../../functions/testing/stack.ts'

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
