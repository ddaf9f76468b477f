import type { Status } from '../api/health';

const LABEL: Record<Status, string> = { ok: 'ok', error: 'error', degraded: 'degraded' };

/** Beyond health: `info` for a state in transition, `unknown` for one that is neither good nor bad. */
export type BadgeTone = Status | 'info' | 'unknown';

/** Colour carries the meaning, but the word is always printed so it is readable without colour. */
export function StatusBadge(props: { status: BadgeTone; label?: string | undefined; title?: string | undefined }) {
  return (
    <span class={`badge badge-${props.status}`} title={props.title}>
      {props.label ?? LABEL[props.status as Status] ?? props.status}
    </span>
  );
}
