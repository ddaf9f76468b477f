import { describe, expect, it } from 'vitest';
import { RowCounter } from './export';

/** Feeds `text` in pieces of `size` characters, as a network stream would cut it. */
function count(format: 'ndjson' | 'json' | 'csv', text: string, size: number): { during: number[]; final: number } {
  const counter = new RowCounter(format);
  const during: number[] = [];
  for (let i = 0; i < text.length; i += size) {
    counter.feed(text.slice(i, i + size));
    during.push(counter.rows());
  }
  return { during, final: counter.rows(true) };
}

describe('RowCounter', () => {
  it('counts CSV rows by CRLF outside quotes, across chunk boundaries, without the header', () => {
    const csv = 'topic,key,value\r\nt,"a ""quoted"", key","line one\r\nline two"\r\nt,k,"x\ny"\r\nt,k,plain\r\n';
    for (const size of [1, 2, 3, 7, 1000]) expect(count('csv', csv, size).final, `chunks of ${size}`).toBe(3);
    expect(count('csv', 'topic,key\r\n', 4).final).toBe(0);
  });

  it('counts NDJSON lines and JSON array rows (one per line between the brackets)', () => {
    const rows = [{ v: 'a\nb' }, { v: '"' }, { v: 3 }];
    expect(count('ndjson', rows.map((r) => `${JSON.stringify(r)}\n`).join(''), 5).final).toBe(3);
    const json = `[${rows.map((r, i) => `${i === 0 ? '\n' : ',\n'}${JSON.stringify(r)}`).join('')}\n]\n`;
    const counted = count('json', json, 4);
    expect(counted.final).toBe(3);
    expect(Math.max(...counted.during)).toBeLessThanOrEqual(5);
    expect(count('json', '[\n]\n', 1).final).toBe(0);
  });
});
