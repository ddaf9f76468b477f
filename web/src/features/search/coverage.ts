// What a search covers, from GET …/search/coverage, narrowed to the topics the query names.
import type { SearchCoverage } from '../../api/search';

/** What the search covers, narrowed to the query's topics when it names some. */
export function coverageInScope(coverage: SearchCoverage, topics: string[]) {
  const inScope = (t: string) => topics.length === 0 || topics.includes(t);
  const indexed = coverage.indexed.filter((t) => inScope(t.topic));
  const known = new Set([...coverage.indexed.map((t) => t.topic), ...coverage.paused]);
  return {
    indexed,
    sampled: indexed.filter((t) => t.sampleRate < 1),
    paused: coverage.paused.filter(inScope),
    // A topic the query names but the plan does not have is not indexed, whether Kafka lists it or not.
    notIndexed: topics.length > 0 ? topics.filter((t) => !known.has(t)) : coverage.notIndexed,
    notIndexedTotal: topics.length > 0 ? topics.filter((t) => !known.has(t)).length : coverage.notIndexedTotal,
  };
}
