// `npm start` and `npm test` work straight after a clone: they install what is missing first.
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './paths.mjs'
import { log, run, hasCommand, UserFacingError } from './proc.mjs'

export async function ensureNodeModules() {
  const installed = join(repoRoot, 'node_modules', '.package-lock.json')
  const lock = join(repoRoot, 'package-lock.json')
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return
  log('installing npm dependencies from the lockfile (npm ci)')
  await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] })
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Browser tests drive Debian's Chromium; install it as root where it is missing. */
export async function ensureChromium() {
  if (existsSync(chromiumPath)) return
  if (!hasCommand('apt-get') || process.getuid?.() !== 0) {
    throw new UserFacingError(`Chromium not found at ${chromiumPath}: install Debian's 'chromium' package (or set CHROMIUM_PATH).`)
  }
  log("installing Debian's chromium for the browser tests (apt-get, once)")
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  await run('apt-get', ['update', '-qq'], { env })
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env })
}
