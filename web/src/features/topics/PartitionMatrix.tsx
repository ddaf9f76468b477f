import { createMemo, createSignal, For, Show } from 'solid-js';
import { hasLeader, messageCount, replicaRole, type PartitionDetail, type ReplicaRole } from '../../api/topics';
import { fmtBig, fmtOffset } from '../../ui/format';
import { Panel } from '../../ui/Panel';
import { EmptyRow } from '../../ui/Table';
import { createVirtualRows } from '../../ui/virtualRows';
import { SpacerRow } from '../../ui/VirtualTable';
import './topics.css';

// Fixed heights (kept in sync with .matrix in topics.css) let the virtualizer skip measuring.
const ROW_H = 26;
const HEAD_H = 32;

const MARK: Record<ReplicaRole, string> = { leader: 'L', insync: '✓', outofsync: '!', offline: '✕', none: '' };
const WORD: Record<ReplicaRole, string> = {
  leader: 'leader',
  insync: 'in-sync follower',
  outofsync: 'out-of-sync replica',
  offline: 'offline replica',
  none: 'no replica',
};

interface Props {
  partitions: PartitionDetail[];
  /** Brokers from the cluster overview; ids seen only in replica lists are added (and shown as missing). */
  knownBrokers: { id: number; online?: boolean }[];
}

const isProblem = (p: PartitionDetail) =>
  !hasLeader(p) || p.offlineReplicas.length > 0 || p.isr.length < p.replicas.length;

function MatrixLegend() {
  const roles: ReplicaRole[] = ['leader', 'insync', 'outofsync', 'offline', 'none'];
  return (
    <ul class="legend" aria-label="Legend">
      <For each={roles}>
        {(r) => (
          <li>
            <span class={`cell-mark role-${r}`} aria-hidden="true">
              {MARK[r]}
            </span>
            {WORD[r]}
          </li>
        )}
      </For>
    </ul>
  );
}

/** Partition × broker: where each replica lives and in which state. Rows render lazily (1000s of partitions). */
export function PartitionMatrix(props: Props) {
  let scrollEl: HTMLDivElement | undefined;
  const [onlyProblems, setOnlyProblems] = createSignal(false);

  const brokers = createMemo(() => {
    const ids = new Set(props.knownBrokers.map((b) => b.id));
    for (const p of props.partitions) {
      for (const id of [...p.replicas, ...p.isr, ...p.offlineReplicas]) ids.add(id);
      if (hasLeader(p)) ids.add(p.leader);
    }
    return [...ids].sort((a, b) => a - b);
  });
  // Online brokers; a column for any other id is flagged (registered-but-offline or unknown).
  const known = createMemo(() => new Set(props.knownBrokers.filter((b) => b.online !== false).map((b) => b.id)));
  const rows = createMemo(() => {
    const all = [...props.partitions].sort((a, b) => a.partition - b.partition);
    return onlyProblems() ? all.filter(isProblem) : all;
  });
  const problemCount = () => props.partitions.filter(isProblem).length;
  const cols = () => brokers().length + 6;

  const v = createVirtualRows({
    count: () => rows().length,
    key: (i) => rows()[i]?.partition ?? i,
    scrollElement: () => scrollEl,
    rowHeight: ROW_H,
    headHeight: HEAD_H,
  });

  return (
    <Panel
      title="Partitions"
      tools={
        <>
          <MatrixLegend />
          <label class="check small">
            <input type="checkbox" checked={onlyProblems()} onChange={(e) => setOnlyProblems(e.currentTarget.checked)} />
            Only problem partitions ({problemCount()})
          </label>
        </>
      }
    >
      <div class="matrix-scroll" ref={(el) => (scrollEl = el)} tabindex="0" aria-label="Partition matrix">
        <table class="table matrix" aria-rowcount={rows().length + 1}>
          <thead>
            <tr>
              <th scope="col" class="num sticky-col">Partition</th>
              <th scope="col" class="num">Leader</th>
              <For each={brokers()}>
                {(id) => (
                  <th
                    scope="col"
                    class="broker-col"
                    data-broker={id}
                    title={known().has(id) ? `Broker ${id}` : `Broker ${id} is offline (not registered with the controller)`}
                    classList={{ 'broker-missing': !known().has(id) }}
                  >
                    {id}
                  </th>
                )}
              </For>
              <th scope="col" class="num">ISR</th>
              <th scope="col" class="num">Earliest</th>
              <th scope="col" class="num">Latest</th>
              <th scope="col" class="num">Messages</th>
            </tr>
          </thead>
          <tbody>
            <SpacerRow height={v.padTop()} columns={cols()} />
            <For each={v.rows()}>
              {(vi) => (
                <Show when={rows()[vi.index]}>
                  {(p) => (
                    <tr
                      aria-rowindex={vi.index + 2}
                      data-partition={p().partition}
                      classList={{ 'row-offline': !hasLeader(p()), 'row-warn': hasLeader(p()) && isProblem(p()) }}
                    >
                      <th scope="row" class="num sticky-col">{p().partition}</th>
                      <td class="num">
                        {hasLeader(p()) ? p().leader : <span class="badge badge-error">none</span>}
                      </td>
                      <For each={brokers()}>
                        {(id) => {
                          const role = () => replicaRole(p(), id);
                          return (
                            <td
                              class="cell"
                              data-broker={id}
                              data-role={role()}
                              title={`Partition ${p().partition} on broker ${id}: ${WORD[role()]}`}
                            >
                              <span class={`cell-mark role-${role()}`}>{MARK[role()]}</span>
                            </td>
                          );
                        }}
                      </For>
                      <td class="num">
                        {p().isr.length}/{p().replicas.length}
                      </td>
                      <td class="num">{fmtOffset(p().earliestOffset)}</td>
                      <td class="num">{fmtOffset(p().latestOffset)}</td>
                      <td class="num" data-testid="partition-messages">
                        {fmtBig(messageCount(p()))}
                      </td>
                    </tr>
                  )}
                </Show>
              )}
            </For>
            <EmptyRow when={rows().length === 0} columns={cols()}>
              {onlyProblems() ? 'Every partition is fully replicated and led.' : 'This topic has no partitions.'}
            </EmptyRow>
            <SpacerRow height={v.padBottom()} columns={cols()} />
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
