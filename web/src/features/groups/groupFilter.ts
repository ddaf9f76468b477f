import type { GroupSummary } from '../../api/groups';

/**
 * The groups list filter: `needle` (lower case) matches group ids, states,
 * types and topic names, so "orders" finds every group reading it.
 */
export function groupMatches(g: GroupSummary, needle: string): boolean {
  if (g.groupId.toLowerCase().includes(needle)) return true;
  if (g.state.toLowerCase() === needle || g.type.toLowerCase() === needle) return true;
  return g.topics.some((t) => t.toLowerCase().includes(needle));
}
