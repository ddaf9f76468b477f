import { describe, expect, it } from 'vitest';
import { browseFilterOf } from './browseFilter';

describe('browseFilterOf', () => {
  it('maps one simple term, beside topic filters, to a substring filter', () => {
    expect(browseFilterOf('refund')).toEqual({ filter: 'refund', filterField: 'any' });
    expect(browseFilterOf('topic:="orders" refund')).toEqual({ filter: 'refund', filterField: 'any' });
    expect(browseFilterOf('"card declined" topic:="orders"')).toEqual({ filter: 'card declined', filterField: 'any' });
    expect(browseFilterOf('key:"order-7"')).toEqual({ filter: 'order-7', filterField: 'key' });
    expect(browseFilterOf('headers.trace:=t-1')).toEqual({ filter: 't-1', filterField: 'header', header: 'trace' });
    expect(browseFilterOf('status:paid')).toEqual({ filter: 'paid', filterField: 'value' });
    expect(browseFilterOf('_msg:paid')).toEqual({ filter: 'paid', filterField: 'value' });
  });

  it('has nothing to carry for a match-all query, and no filter for richer ones', () => {
    expect(browseFilterOf('*')).toBeUndefined();
    expect(browseFilterOf('topic:="orders"')).toBeUndefined();
    expect(browseFilterOf('refund error')).toBeNull();
    expect(browseFilterOf('refund | stats count()')).toBeNull();
    expect(browseFilterOf('offset:<300')).toBeNull();
    expect(browseFilterOf('key:~"^a"')).toBeNull();
  });
});
