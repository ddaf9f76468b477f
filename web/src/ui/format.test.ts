import { describe, expect, it } from 'vitest';
import { fmtBig, fmtBytesSet, fmtMoney, fmtOffset } from './format';

describe('web formats', () => {
  it('offsets: int64 exactly, with separators; anything else as given', () => {
    expect(fmtOffset('9223372036854775807')).toBe('9,223,372,036,854,775,807');
    expect(fmtOffset('1234')).toBe('1,234');
    expect(fmtOffset('not-a-number')).toBe('not-a-number');
    expect(fmtOffset(null)).toBe('—');
    expect(fmtBig(9007199254740993n)).toBe('9,007,199,254,740,993');
  });

  it('writes a figure set in one unit, the largest value’s', () => {
    expect(fmtBytesSet([398 * 2 ** 20, 180 * 2 ** 30, 252 * 2 ** 30, 71.9 * 2 ** 30])).toEqual(['0.389 GiB', '180 GiB', '252 GiB', '71.9 GiB']);
    expect(fmtBytesSet([null, 2048])).toEqual(['—', '2 KiB']);
  });

  it('money: cents, whole units from 1,000, and small amounts as less than a cent', () => {
    expect(fmtMoney(25.2)).toBe('$25.20');
    expect(fmtMoney(1234.5)).toBe('$1,235');
    expect(fmtMoney(0.00008)).toBe('<$0.01');
    expect(fmtMoney(3, 'EUR')).toBe('3.00 EUR');
    expect(fmtMoney(null)).toBe('—');
  });
});
