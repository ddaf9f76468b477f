// Local mode writes each cluster's generated config where a Vector started with
// `--config-dir vector/generated --watch-config` picks it up. Unchanged text is not rewritten,
// so Vector reloads only when the plan really changed; the rename makes the swap atomic.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const defaultVectorDir = 'vector/generated'

export async function writeVectorConfig(dir: string, cluster: string, text: string): Promise<{ path: string; changed: boolean }> {
  const path = join(dir, `${cluster}.yaml`)
  const current = await readFile(path, 'utf8').catch(() => undefined)
  if (current === text) return { path, changed: false }
  await mkdir(dir, { recursive: true })
  const temp = join(dir, `.${cluster}.yaml.${process.pid}.tmp`)
  await writeFile(temp, text)
  await rename(temp, path)
  return { path, changed: true }
}
