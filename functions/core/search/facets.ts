// Which fields the facet list shows first. VictoriaLogs answers fields in name order, so a
// high-cardinality field named "amount" took a slot before "status": the ranking puts what a
// click can usefully narrow by first (key and topic, then few values with good coverage).
import type { FacetField } from '../../contract/search.ts'

/** Always shown first when the hits have them: the two fields people narrow by most. */
export const pinnedFacets = ['topic', 'key'] as const

/** A coverage this high makes a field describe the hits rather than a corner of them. */
const goodCoverage = 0.5

function tier(field: FacetField): number {
  const pinned = (pinnedFacets as readonly string[]).indexOf(field.name)
  if (pinned >= 0) return pinned - pinnedFacets.length
  // One value on every hit: a click cannot narrow anything.
  if (!field.more && field.values.length <= 1 && (field.coverage ?? 0) >= 0.995) return 4
  if (field.more) return 3
  return (field.coverage ?? 0) >= goodCoverage ? 1 : 2
}

/** Most useful first: pinned, then complete low-cardinality fields by coverage, then the rest, constant ones last. */
export function rankFacets(fields: FacetField[]): FacetField[] {
  return [...fields].sort((a, b) =>
    tier(a) - tier(b)
    || (b.coverage ?? 0) - (a.coverage ?? 0)
    || a.values.length - b.values.length
    || a.name.localeCompare(b.name))
}

/**
 * Share of the hits that have each field, from VictoriaLogs' `field_names` pipe (hits per field
 * name). Every indexed message has `_time`, so its count is the total.
 */
export function coverageOf(fieldNames: { name: string; hits: number }[]): { total: number; coverage: Map<string, number> } {
  const total = fieldNames.reduce((max, f) => Math.max(max, f.hits), 0)
  return { total, coverage: new Map(fieldNames.map((f) => [f.name, total > 0 ? f.hits / total : 0])) }
}
