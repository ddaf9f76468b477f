import { createMemo, createSignal, Show } from 'solid-js';
import type { TopicRanking } from '../../api/storage';
import { fmtBytes, fmtInt } from '../../ui/format';
import { fmtCost, priceNote } from './format';
import { Panel } from '../../ui/Panel';
import { saveBlob } from '../../ui/download';
import { Segmented } from '../../ui/Segmented';
import { rankingCsv } from './rankingCsv';
import { RankingTable } from './RankingTable';
import './storage.css';

interface Props {
  ranking: TopicRanking | undefined;
  leaderOnly: boolean;
  onLeaderOnly: (leaderOnly: boolean) => void;
  brokers: number[];
  selected: string | undefined;
  onSelect: (topic: string) => void;
}

const SIZES = [
  { value: 'all', label: 'All replicas' },
  { value: 'leaders', label: 'Leaders only' },
] as const;

/** Topics ranked by bytes on disk, all replicas or leaders only, with a name filter. */
export function RankingPanel(props: Props) {
  const [filter, setFilter] = createSignal('');
  const items = createMemo(() => {
    const needle = filter().trim().toLowerCase();
    const all = props.ranking?.items ?? [];
    return needle ? all.filter((t) => t.topic.toLowerCase().includes(needle)) : all;
  });
  // The rows as shown (filter and order); the name says which sample they come from.
  const exportCsv = (r: TopicRanking) => {
    const stamp = (r.sampledAt ?? new Date().toISOString()).replace(/[:.]/g, '-');
    saveBlob(new Blob([rankingCsv(items(), props.brokers)], { type: 'text/csv;charset=utf-8' }), `disk-ranking-${stamp}.csv`);
  };
  return (
    <Panel
      title="Topics by disk usage"
      label="Disk usage ranking"
      tools={
        <>
          <Segmented
            label="Size"
            options={SIZES}
            value={props.leaderOnly ? 'leaders' : 'all'}
            onChange={(v) => props.onLeaderOnly(v === 'leaders')}
          />
          <input class="search-input" type="search" placeholder="Filter topics" aria-label="Filter topics" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
          <Show when={props.ranking}>
            {(r) => (
              <span class="muted small" title={priceNote(r().price)} data-testid="ranking-totals">
                {fmtInt(r().totals.topics)} topics · {fmtBytes(props.leaderOnly ? r().totals.leaderBytes : r().totals.bytes)} ·{' '}
                {fmtCost(props.leaderOnly ? r().totals.leaderBytes : r().totals.bytes, r().price)}
              </span>
            )}
          </Show>
          <Show when={props.ranking}>
            {(r) => (
              <button type="button" class="btn btn-small" disabled={items().length === 0} onClick={() => exportCsv(r())}>
                Export CSV
              </button>
            )}
          </Show>
        </>
      }
    >
      <Show when={props.ranking?.deletedCheck?.ok === false && props.ranking.deletedCheck.message}>
        {(m) => <p class="muted small panel-body">{m()}</p>}
      </Show>
      <Show when={props.ranking}>
        {(r) => (
          <RankingTable
            items={items()}
            leaderOnly={props.leaderOnly}
            sizesAvailable={r().sizes.available}
            brokers={props.brokers}
            selected={props.selected}
            onSelect={props.onSelect}
            price={r().price}
          />
        )}
      </Show>
    </Panel>
  );
}
