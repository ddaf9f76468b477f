import './groups.css';

// State names differ between the classic protocol (PreparingRebalance, CompletingRebalance)
// and KIP-848 (Assigning, Reconciling); both map onto the same three colours.
const STATE_CLASS: Record<string, string> = {
  stable: 'badge-ok',
  empty: 'badge-unknown',
  preparingrebalance: 'badge-degraded',
  completingrebalance: 'badge-degraded',
  assigning: 'badge-degraded',
  reconciling: 'badge-degraded',
  dead: 'badge-error',
};

export function GroupStateBadge(props: { state: string }) {
  const cls = () => STATE_CLASS[props.state.toLowerCase()] ?? 'badge-unknown';
  return <span class={`badge ${cls()}`}>{props.state}</span>;
}

export function GroupTypeBadge(props: { type: string }) {
  const title = () =>
    props.type === 'consumer'
      ? 'KIP-848 consumer protocol: the broker computes assignments'
      : props.type === 'classic'
        ? 'Classic rebalance protocol: a client leader computes assignments'
        : `Group type ${props.type}`;
  return (
    <span class={`type-badge type-${props.type}`} title={title()}>
      {props.type}
    </span>
  );
}
