import type { ResetPlanRow, ResetRequest, ResetStrategy } from '../../api/groups';
import { parsePartitionList } from '../../ui/format';

export type OffsetResetScope = 'all' | 'topic' | 'partitions';

export interface OffsetResetForm {
  strategy: ResetStrategy;
  value: string;
  scope: OffsetResetScope;
  topic: string;
  partitions: string;
}

export const STRATEGIES: { value: ResetStrategy; label: string }[] = [
  { value: 'earliest', label: 'Earliest (oldest retained)' },
  { value: 'latest', label: 'Latest (skip to end)' },
  { value: 'offset', label: 'Specific offset' },
  { value: 'timestamp', label: 'Timestamp' },
  { value: 'shift', label: 'Shift by N' },
  { value: 'duration', label: 'Duration back from now' },
];

/** What the value input means per strategy: its label, input type, placeholder and hint. */
export const VALUE_INPUT: Partial<Record<ResetStrategy, { label: string; type: string; placeholder: string; hint: string }>> = {
  offset: { label: 'Offset', type: 'text', placeholder: '123456', hint: 'The same offset for every partition in scope.' },
  timestamp: {
    label: 'Timestamp',
    type: 'datetime-local',
    placeholder: '',
    hint: 'Your local time; each partition moves to the first message at or after it.',
  },
  shift: { label: 'Shift by', type: 'text', placeholder: '-1000', hint: 'Signed: −1000 re-reads 1000 messages, +1000 skips them.' },
  duration: {
    label: 'Duration',
    type: 'text',
    placeholder: 'PT1H',
    hint: 'ISO-8601 (PT1H, P1D, PT30M) or milliseconds: re-read what arrived in that window.',
  },
};

/** The offset-reset request for a form, or an Error saying which input to fix. */
export function offsetResetRequest(f: OffsetResetForm, execute: boolean): ResetRequest {
  const req: ResetRequest = { strategy: f.strategy, execute };
  const v = f.value.trim();
  switch (f.strategy) {
    case 'offset':
      if (!/^\d+$/.test(v)) throw new Error('Offset must be a whole number (0 or more).');
      req.value = v;
      break;
    case 'shift':
      if (!/^[+-]?\d+$/.test(v)) throw new Error('Shift must be a signed whole number, like -1000 or 500.');
      req.value = v.replace(/^\+/, '');
      break;
    case 'timestamp': {
      // datetime-local has no zone: read it as local time and send RFC 3339 in UTC.
      const d = new Date(v);
      if (!v || Number.isNaN(d.getTime())) throw new Error('Pick a date and time.');
      req.value = d.toISOString();
      break;
    }
    case 'duration':
      if (!v) throw new Error('Duration is required, like PT1H or 3600000.');
      req.value = v;
      break;
    default:
      break;
  }
  if (f.scope !== 'all') {
    if (!f.topic) throw new Error('Choose a topic.');
    if (f.scope === 'partitions') {
      const partitions = parsePartitionList(f.partitions);
      if (partitions.length === 0) throw new Error('Name at least one partition, like 0, 2, 5-7.');
      req.topics = [{ topic: f.topic, partitions }];
    } else {
      req.topics = [{ topic: f.topic }];
    }
  }
  return req;
}

/** A stable key for "does this preview still match the form?" (execute aside). */
export const requestKey = (r: ResetRequest): string => JSON.stringify({ ...r, execute: false });

/** What a plan does to delivery, counted per direction (current → new, exact int64). */
export interface PlanEffect {
  /** Moved back: these messages are delivered again. */
  back: { partitions: number; messages: bigint };
  /** Moved forward: these messages are skipped, never delivered to this group. */
  forward: { partitions: number; messages: bigint };
  unchanged: number;
  /** Partitions without a commit: the group gets its first position there. */
  fresh: number;
}

export function planEffect(plan: ResetPlanRow[]): PlanEffect {
  const effect: PlanEffect = { back: { partitions: 0, messages: 0n }, forward: { partitions: 0, messages: 0n }, unchanged: 0, fresh: 0 };
  for (const r of plan) {
    if (r.currentOffset === null) {
      effect.fresh++;
      continue;
    }
    const d = BigInt(r.newOffset) - BigInt(r.currentOffset);
    if (d < 0n) {
      effect.back.partitions++;
      effect.back.messages -= d;
    } else if (d > 0n) {
      effect.forward.partitions++;
      effect.forward.messages += d;
    } else effect.unchanged++;
  }
  return effect;
}

const count = (n: number | bigint, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 || n === 1n ? one : many}`;

/** The confirmation's sentences, worded from what the plan does (re-delivers, skips, or both). */
export function planEffectText(plan: ResetPlanRow[]): string[] {
  const e = planEffect(plan);
  const lines: string[] = [];
  if (e.back.partitions > 0) {
    lines.push(`Moves ${count(e.back.partitions, 'partition')} back: ${count(e.back.messages, 'message')} already read will be delivered again.`);
  }
  if (e.forward.partitions > 0) {
    lines.push(`Moves ${count(e.forward.partitions, 'partition')} forward: ${count(e.forward.messages, 'message')} will be skipped and never delivered to this group.`);
  }
  if (e.fresh > 0) lines.push(`Gives ${count(e.fresh, 'partition')} without a commit a first position.`);
  if (e.unchanged > 0) lines.push(`Leaves ${count(e.unchanged, 'partition')} where ${e.unchanged === 1 ? 'it is' : 'they are'}.`);
  return lines;
}
