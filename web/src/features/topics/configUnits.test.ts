import { describe, expect, it } from 'vitest';
import { configUnit, humanConfigValue } from './configUnits';

describe('config units', () => {
  it('reads the unit from the name', () => {
    expect(configUnit('retention.ms')).toBe('ms');
    expect(configUnit('segment.bytes')).toBe('bytes');
    expect(configUnit('cleanup.policy')).toBeUndefined();
  });

  it('humanises durations and sizes in the largest unit reached', () => {
    expect(humanConfigValue('retention.ms', '604800000')).toBe('7 d');
    expect(humanConfigValue('retention.ms', '3600000')).toBe('1 h');
    expect(humanConfigValue('retention.ms', '5400000')).toBe('≈ 1.5 h');
    expect(humanConfigValue('segment.ms', '500')).toBe('500 ms');
    expect(humanConfigValue('segment.bytes', '1073741824')).toBe('1 GiB');
    expect(humanConfigValue('max.message.bytes', '1048588')).toBe('≈ 1 MiB');
    expect(humanConfigValue('index.interval.bytes', '4096')).toBe('4 KiB');
    expect(humanConfigValue('retention.bytes', '-1')).toBe('unlimited');
    expect(humanConfigValue('local.retention.ms', '-2')).toBe('as retention.ms');
    expect(humanConfigValue('flush.ms', '9223372036854775807')).toBe('never');
    expect(humanConfigValue('retention.ms', '-5')).toBeUndefined();
  });

  it('leaves alone what has no unit or is no whole number', () => {
    expect(humanConfigValue('cleanup.policy', 'delete')).toBeUndefined();
    expect(humanConfigValue('retention.ms', 'soon')).toBeUndefined();
    expect(humanConfigValue('retention.ms', null)).toBeUndefined();
  });
});
