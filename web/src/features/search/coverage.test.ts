import { describe, expect, it } from 'vitest';
import type { SearchCoverage } from '../../api/search';
import { coverageInScope } from './coverage';

const coverage: SearchCoverage = {
  indexed: [
    { topic: 'orders', sampleRate: 1, keepRules: 0, updatedAt: '' },
    { topic: 'payments', sampleRate: 0.1, keepRules: 2, updatedAt: '' },
  ],
  paused: ['audit'],
  notIndexed: ['clicks', 'logs'],
  notIndexedTotal: 2,
};

describe('coverageInScope', () => {
  it('is the whole coverage when the query names no topic', () => {
    const scope = coverageInScope(coverage, []);
    expect(scope.indexed.map((t) => t.topic)).toEqual(['orders', 'payments']);
    expect(scope.sampled.map((t) => t.topic)).toEqual(['payments']);
    expect(scope.notIndexed).toEqual(['clicks', 'logs']);
    expect(scope.notIndexedTotal).toBe(2);
  });

  it('narrows to the named topics; a named topic outside the plan is not indexed even if Kafka lacks it', () => {
    const scope = coverageInScope(coverage, ['orders', 'ghost']);
    expect(scope.indexed.map((t) => t.topic)).toEqual(['orders']);
    expect(scope.sampled).toEqual([]);
    expect(scope.paused).toEqual([]);
    expect(scope.notIndexed).toEqual(['ghost']);
    expect(scope.notIndexedTotal).toBe(1);
  });

  it('keeps a named paused topic as paused, not as not indexed', () => {
    const scope = coverageInScope(coverage, ['audit']);
    expect(scope.paused).toEqual(['audit']);
    expect(scope.notIndexed).toEqual([]);
  });
});
