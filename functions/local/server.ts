// Local mode's HTTP server: the API and the built web app from one Node process.
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from '../api/app.ts'
import type { AppDeps } from '../api/deps.ts'

export interface LocalServerOptions {
  deps: AppDeps
  port?: number
  host?: string
  /** Directory of the built web app (web/dist); the API alone is served when it is missing. */
  webRoot?: string
}

export interface LocalServer {
  url: string
  close(): Promise<void>
}

export function createLocalApp({ deps, webRoot }: Pick<LocalServerOptions, 'deps' | 'webRoot'>) {
  const app = createApp(deps)
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    const root = relative(process.cwd(), webRoot) || '.'
    const indexHtml = readFileSync(join(webRoot, 'index.html'), 'utf8')
    app.use('/assets/*', async (c, next) => {
      await next()
      // Vite puts a content hash in every asset name, so assets never change under a URL.
      if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable')
    })
    app.use('*', serveStatic({ root }))
    // Client-side routes (/c/local/topics, ...) all load the single page.
    app.get('*', (c) => c.html(indexHtml, 200, { 'cache-control': 'no-cache' }))
  }
  return app
}

export function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const app = createLocalApp(options)
  const host = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, (info: AddressInfo) => {
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => new Promise<void>((done) => {
          server.close(() => done())
          // Live-tail streams would otherwise hold the close open.
          if ('closeAllConnections' in server) server.closeAllConnections()
        }),
      })
    })
    server.once('error', reject)
  })
}
