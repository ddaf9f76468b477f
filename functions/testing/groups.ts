// Test helpers for consumer groups, seen through the product's own API (the client library
// cannot describe KIP-848 groups).
import type { createApp } from '../api/app.ts'
import { bearer, viewerToken } from './stack.ts'

/** Until the coordinator reports the members with their assignments (joining takes a rebalance). */
export async function waitForMembers(app: ReturnType<typeof createApp>, groupId: string, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const response = await app.request(`/api/clusters/local/groups/${groupId}`, { headers: bearer(viewerToken) })
    const members = response.status === 200 ? ((await response.json()) as { members: { assignments: unknown[] }[] }).members : []
    if (members.length >= count && members.every((m) => m.assignments.length > 0)) return
    if (Date.now() > deadline) throw new Error(`group ${groupId} has no ${count} members after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 250))
  }
}
