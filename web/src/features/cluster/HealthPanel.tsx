import { For, Show } from 'solid-js';
import type { Health } from '../../api/health';
import { Panel } from '../../ui/Panel';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableHead } from '../../ui/Table';
import './cluster.css';

interface Props {
  health: Health;
  currentCluster: string;
  nameOf: (id: string) => string;
}

/** Service health as a compact table: one row per dependency. */
export function HealthPanel(props: Props) {
  return (
    <Panel
      title="Service health"
      tools={
        <span class="health-overall">
          Overall <StatusBadge status={props.health.status} />
        </span>
      }
    >
      <table class="table health-table">
        <TableHead columns={[{ label: 'Component' }, { label: 'Status' }, { label: 'Detail' }]} />
        <tbody>
          <For each={props.health.kafka}>
            {(k) => (
              <tr classList={{ current: k.id === props.currentCluster }}>
                <td>
                  Kafka · {props.nameOf(k.id)}
                  <Show when={k.id === props.currentCluster}>
                    <span class="tag">this cluster</span>
                  </Show>
                </td>
                <td>
                  <StatusBadge status={k.status} />
                </td>
                <td class="muted">{k.detail ?? ''}</td>
              </tr>
            )}
          </For>
          <Show when={props.health.kafka.length === 0}>
            <tr>
              <td>Kafka</td>
              <td>
                <StatusBadge status="unknown" />
              </td>
              <td class="muted">The server reported no Kafka clusters.</td>
            </tr>
          </Show>
          <tr>
            <td>VictoriaLogs</td>
            <td>
              <StatusBadge status={props.health.victorialogs.status} />
            </td>
            <td class="muted">{props.health.victorialogs.detail ?? ''}</td>
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}
