import { createMemo, createSignal, Show } from 'solid-js';
import type { Ranking } from '../../api/storage';
import { fmtBytes, fmtInt } from '../../ui/format';
import { Panel } from '../../ui/Panel';
import { RankingTable } from './RankingTable';
import './storage.css';

interface Props {
  ranking: Ranking | undefined;
  leaderOnly: boolean;
  onLeaderOnly: (leaderOnly: boolean) => void;
  brokers: number[];
  selected: string | undefined;
  onSelect: (topic: string) => void;
}

/** Topics ranked by bytes on disk, all replicas or leaders only, with a name filter. */
export function RankingPanel(props: Props) {
  const [filter, setFilter] = createSignal('');
  const items = createMemo(() => {
    const needle = filter().trim().toLowerCase();
    const all = props.ranking?.items ?? [];
    return needle ? all.filter((t) => t.topic.toLowerCase().includes(needle)) : all;
  });
  return (
    <Panel
      title="Topics by disk usage"
      label="Disk usage ranking"
      tools={
        <>
          <div class="seg" role="radiogroup" aria-label="Size">
            <label class="seg-option" classList={{ active: !props.leaderOnly }}>
              <input type="radio" name="storage-size" checked={!props.leaderOnly} onChange={() => props.onLeaderOnly(false)} />
              All replicas
            </label>
            <label class="seg-option" classList={{ active: props.leaderOnly }}>
              <input type="radio" name="storage-size" checked={props.leaderOnly} onChange={() => props.onLeaderOnly(true)} />
              Leaders only
            </label>
          </div>
          <input class="search-input" type="search" placeholder="Filter topics" aria-label="Filter topics" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
          <Show when={props.ranking}>
            {(r) => (
              <span class="muted small">
                {fmtInt(r().totals.topics)} topics · {fmtBytes(props.leaderOnly ? r().totals.leaderBytes : r().totals.bytes)}
              </span>
            )}
          </Show>
        </>
      }
    >
      <Show when={props.ranking}>
        {(r) => (
          <RankingTable
            items={items()}
            leaderOnly={props.leaderOnly}
            sizesAvailable={r().sizes.available}
            brokers={props.brokers}
            selected={props.selected}
            onSelect={props.onSelect}
          />
        )}
      </Show>
    </Panel>
  );
}
