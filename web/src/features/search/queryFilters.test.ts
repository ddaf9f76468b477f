import { describe, expect, it } from 'vitest';
import { addFilter, fieldFilter, queryFilters, removeFilter } from './queryFilters';

describe('addFilter', () => {
  it('adds field:="value" to the query, or replaces a match-all', () => {
    expect(addFilter('*', 'level', 'error')).toBe('level:="error"');
    expect(addFilter('', 'level', 'error')).toBe('level:="error"');
    expect(addFilter('refund', 'level', 'error')).toBe('refund level:="error"');
  });

  it('goes before the pipes, and wraps a top-level OR so the filter narrows all of it', () => {
    expect(addFilter('error | stats by (topic) count()', 'key', 'k1')).toBe('error key:="k1" | stats by (topic) count()');
    expect(addFilter('a OR b', 'topic', 't')).toBe('(a OR b) topic:="t"');
    expect(addFilter('"a OR b" | limit 5', 'topic', 't')).toBe('"a OR b" topic:="t" | limit 5');
    expect(addFilter('_msg:"x|y"', 'k', 'v')).toBe('_msg:"x|y" k:="v"');
  });

  it('quotes values and odd field names, and does not add a filter twice', () => {
    expect(fieldFilter('headers.trace id', 'a"b')).toBe('"headers.trace id":="a\\"b"');
    expect(addFilter('level:="error"', 'level', 'error')).toBe('level:="error"');
  });
});

describe('queryFilters and removeFilter', () => {
  it('finds the top-level exact filters, not those in quotes, parentheses or after a pipe', () => {
    const q = 'refund level:="error" "headers.x y":="1" (key:="in-parens") "text key:=\\"q\\"" | filter topic:="after"';
    expect(queryFilters(q).map((f) => [f.field, f.value])).toEqual([['level', 'error'], ['headers.x y', '1']]);
  });

  it('removes one filter and keeps the rest of the query as typed', () => {
    const q = 'refund level:="error" key:="k1" | limit 5';
    const [level, key] = queryFilters(q);
    expect(removeFilter(q, level!)).toBe('refund key:="k1" | limit 5');
    expect(removeFilter(q, key!)).toBe('refund level:="error" | limit 5');
    const only = 'level:="error"';
    expect(removeFilter(only, queryFilters(only)[0]!)).toBe('*');
    const withPipe = 'level:="error" | limit 5';
    expect(removeFilter(withPipe, queryFilters(withPipe)[0]!)).toBe('* | limit 5');
  });
});
