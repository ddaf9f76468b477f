import { describe, expect, it } from 'vitest';
import type { MessageItem } from '../../api/messages';
import { csvField, csvRow, rowText, tailRow } from './formats';

const item = (extra: Partial<MessageItem> = {}): MessageItem => ({
  partition: 1, offset: '7', timestamp: '2026-01-02T03:04:05.000Z', key: 'k-é', keyEncoding: 'text', keySize: 4,
  value: '{"a":1}', valueEncoding: 'json', size: 7, truncated: false, headers: [{ key: 'h', value: 'v,1', encoding: 'text' }], ...extra,
});

describe('tail export rows', () => {
  it('decoded: as shown', () => {
    expect(tailRow('orders', item(), 'decoded')).toEqual({
      topic: 'orders', partition: 1, offset: '7', timestamp: '2026-01-02T03:04:05.000Z', key: 'k-é', keyEncoding: 'text',
      value: '{"a":1}', valueEncoding: 'json', headers: [{ key: 'h', value: 'v,1', encoding: 'text' }],
    });
  });

  it('raw: base64 of the UTF-8 bytes; base64 stays; schema-decoded and cut values stay as shown, marked', () => {
    const raw = tailRow('orders', item(), 'raw');
    expect(raw.key).toBe('ay3DqQ==');
    expect(raw.value).toBe('eyJhIjoxfQ==');
    expect(raw.headers).toEqual([{ key: 'h', value: 'diwx', encoding: 'base64' }]);
    expect(tailRow('t', item({ value: 'AAEC', valueEncoding: 'base64' }), 'raw').value).toBe('AAEC');
    const decoded = tailRow('t', item({ valueSchema: { registry: 'confluent', type: 'AVRO', id: 3 } }), 'raw');
    expect([decoded.value, decoded.valueEncoding]).toEqual(['{"a":1}', 'json']);
    expect(tailRow('t', item({ truncated: true }), 'raw').truncated).toBe(true);
    expect(tailRow('t', item({ key: null, keyEncoding: 'null' }), 'raw').keyEncoding).toBe('null');
  });
});

describe('formats', () => {
  it('writes CSV as the server does (RFC 4180)', () => {
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('plain')).toBe('plain');
    expect(csvRow(tailRow('orders', item(), 'decoded'))).toBe(
      'orders,1,7,2026-01-02T03:04:05.000Z,k-é,"{""a"":1}","[{""key"":""h"",""value"":""v,1"",""encoding"":""text""}]",text,json\r\n',
    );
    expect(rowText('json', tailRow('o', item(), 'decoded'), false).startsWith(',\n{')).toBe(true);
  });
});
