import { describe, expect, it } from 'vitest';
import { fmtBytesSet, fmtMoney } from './format';

describe('web formats', () => {
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
