import type { Status } from '../api/health';

const LABEL: Record<Status, string> = { ok: 'ok', error: 'error', degraded: 'degraded' };

/** Colour carries the meaning, but the word is always printed so it is readable without colour. */
export function StatusBadge(props: { status: Status; title?: string | undefined }) {
  return (
    <span class={`badge badge-${props.status}`} title={props.title}>
      {LABEL[props.status]}
    </span>
  );
}
