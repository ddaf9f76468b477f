import { describe, expect, it } from 'vitest';
import { planEffect, planEffectText } from './offsetReset';

const row = (partition: number, currentOffset: string | null, newOffset: string) => ({ topic: 't', partition, currentOffset, newOffset });

describe('offset reset plan wording', () => {
  it('a backwards reset re-delivers, and says how many', () => {
    expect(planEffectText([row(0, '5', '0'), row(1, '20', '0')])).toEqual([
      'Moves 2 partitions back: 25 messages already read will be delivered again.',
    ]);
  });

  it('a forward reset skips', () => {
    expect(planEffectText([row(0, '5', '20')])).toEqual(['Moves 1 partition forward: 15 messages will be skipped and never delivered to this group.']);
  });

  it('a mixed plan says both, with counts, and names fresh and unchanged partitions', () => {
    expect(planEffectText([row(0, '5', '10'), row(1, '20', '10'), row(2, null, '10'), row(3, '10', '10')])).toEqual([
      'Moves 1 partition back: 10 messages already read will be delivered again.',
      'Moves 1 partition forward: 5 messages will be skipped and never delivered to this group.',
      'Gives 1 partition without a commit a first position.',
      'Leaves 1 partition where it is.',
    ]);
  });

  it('counts beyond 2^53 exactly', () => {
    expect(planEffect([row(0, '9223372036854775807', '0')]).back.messages).toBe(9223372036854775807n);
  });
});
