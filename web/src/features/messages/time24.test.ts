import { describe, expect, it } from 'vitest';
import { formatTime24, parseTime24, zoneLabel } from './time24';

describe('24-hour times', () => {
  it('read a date and a 24-hour time in the local zone, seconds optional', () => {
    expect(parseTime24('2026-11-29 14:05')?.getTime()).toBe(new Date(2026, 10, 29, 14, 5).getTime());
    expect(parseTime24('2026-11-29T23:59:30.5')?.getTime()).toBe(new Date(2026, 10, 29, 23, 59, 30, 500).getTime());
    expect(formatTime24(new Date(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02 03:04:05');
  });

  it('refuse what is no such time', () => {
    expect(parseTime24('2026-02-30 10:00')).toBeUndefined();
    expect(parseTime24('2026-11-29 2:05 PM')).toBeUndefined();
    expect(parseTime24('2026-11-29 24:00')).toBeUndefined();
    expect(parseTime24('')).toBeUndefined();
  });

  it('name the zone with its offset', () => {
    expect(zoneLabel()).toMatch(/^UTC[+−]\d{2}:\d{2}/);
  });
});
