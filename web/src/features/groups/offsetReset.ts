import type { ResetRequest, ResetStrategy } from '../../api/groups';
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
