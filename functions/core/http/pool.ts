// The one way the core opens HTTP connections to its upstreams (VictoriaLogs, schema registries):
// a keep-alive pool per client instance, never undici's global dispatcher, so each client owns
// (and closes) its sockets and a slow upstream cannot starve another's connections.
import { Pool } from 'undici'

export interface KeepAlivePoolOptions {
  /** Concurrent connections to the origin. */
  connections: number
  connectTimeoutMs?: number
}

export function keepAlivePool(origin: string, { connections, connectTimeoutMs = 3_000 }: KeepAlivePoolOptions): Pool {
  return new Pool(origin, { connections, keepAliveTimeout: 30_000, connectTimeout: connectTimeoutMs })
}
