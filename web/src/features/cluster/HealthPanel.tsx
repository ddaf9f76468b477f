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
        <TableHead columns={[{ label: 'Component' }, { label: 'Status' }]} />
        <tbody>
          <For each={Object.entries(props.health.kafka)}>
            {([id, status]) => (
              <tr classList={{ current: id === props.currentCluster }}>
                <td>
                  Kafka · {props.nameOf(id)}
                  <Show when={id === props.currentCluster}>
                    <span class="tag">this cluster</span>
                  </Show>
                </td>
                <td>
                  <StatusBadge status={status} />
                </td>
              </tr>
            )}
          </For>
          <tr>
            <td>VictoriaLogs</td>
            <td>
              <StatusBadge status={props.health.victorialogs} />
            </td>
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}
