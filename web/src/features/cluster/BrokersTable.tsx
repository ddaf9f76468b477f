import { For, Show } from 'solid-js';
import { skew, SKEW_WARN, type BrokerSummary } from '../../api/overview';
import { fmtInt, fmtPct } from '../../ui/format';
import { Panel } from '../../ui/Panel';
import { EmptyRow, TableHead } from '../../ui/Table';
import './cluster.css';

/** A plain CSS bar: width relative to the busiest broker, so the outlier is obvious at a glance. */
function Bar(props: { value: number; max: number; mean: number }) {
  const pct = () => (props.max > 0 ? (props.value / props.max) * 100 : 0);
  return (
    <div class="load" classList={{ 'load-hot': props.mean > 0 && props.value / props.mean - 1 > SKEW_WARN }}>
      <span class="load-num">{fmtInt(props.value)}</span>
      <span class="bar" aria-hidden="true">
        <span class="bar-fill" style={{ width: `${pct()}%` }} />
      </span>
    </div>
  );
}

function SkewFigure(props: { label: string; value: number | undefined; testId: string }) {
  const warn = () => props.value !== undefined && props.value > SKEW_WARN;
  return (
    <span
      class="skew"
      classList={{ 'skew-warn': warn() }}
      data-testid={props.testId}
      title="Busiest online broker relative to the online average (max / mean − 1). Above 20% the load is uneven; consider a reassignment."
    >
      {props.label} <strong>{fmtPct(props.value)}</strong>
    </span>
  );
}

const COLUMNS = [
  { label: 'ID', num: true },
  { label: 'Host' },
  { label: 'Rack' },
  { label: 'Role' },
  { label: 'Replicas', class: 'col-load' },
  { label: 'Leaders', class: 'col-load' },
  { label: 'Status' },
];

/** Brokers with their share of replicas and leaders; skew is what an operator looks for first. */
export function BrokersTable(props: { brokers: BrokerSummary[] }) {
  const sorted = () => [...props.brokers].sort((a, b) => a.id - b.id);
  // Balance is about the brokers that are up: a dead broker's load has to go somewhere.
  const online = () => props.brokers.filter((b) => b.online);
  const mean = (vs: number[]) => (vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : 0);
  const replicaMean = () => mean(online().map((b) => b.replicas));
  const leaderMean = () => mean(online().map((b) => b.leaders));
  const maxReplicas = () => Math.max(0, ...props.brokers.map((b) => b.replicas));
  const maxLeaders = () => Math.max(0, ...props.brokers.map((b) => b.leaders));
  const deviation = (v: number, m: number) =>
    m > 0 ? `${v >= m ? '+' : '−'}${Math.round((Math.abs(v - m) / m) * 100)}% vs the online mean (${Math.round(m)})` : '';

  return (
    <Panel
      title="Brokers"
      tools={
        <>
          <SkewFigure label="Replica skew" value={skew(online().map((b) => b.replicas))} testId="replica-skew" />
          <SkewFigure label="Leader skew" value={skew(online().map((b) => b.leaders))} testId="leader-skew" />
        </>
      }
    >
      <table class="table brokers-table">
        <TableHead columns={COLUMNS} />
        <tbody>
          <For each={sorted()}>
            {(b) => (
              <tr data-broker={b.id}>
                <td class="num mono">{b.id}</td>
                <td class="mono">{b.host ? `${b.host}:${b.port}` : <span class="muted">not registered</span>}</td>
                <td>{b.rack ?? <span class="muted">—</span>}</td>
                <td>
                  <Show when={b.isController}>
                    <span class="badge badge-info" title="The active controller">
                      controller
                    </span>
                  </Show>
                </td>
                <td title={deviation(b.replicas, replicaMean())}>
                  <Bar value={b.replicas} max={maxReplicas()} mean={replicaMean()} />
                </td>
                <td title={deviation(b.leaders, leaderMean())}>
                  <Bar value={b.leaders} max={maxLeaders()} mean={leaderMean()} />
                </td>
                <td>
                  <Show when={b.online} fallback={<span class="badge badge-error">offline</span>}>
                    <span class="badge badge-ok">online</span>
                  </Show>
                </td>
              </tr>
            )}
          </For>
          <EmptyRow when={props.brokers.length === 0} columns={COLUMNS.length}>
            The cluster reported no brokers.
          </EmptyRow>
        </tbody>
      </table>
    </Panel>
  );
}
