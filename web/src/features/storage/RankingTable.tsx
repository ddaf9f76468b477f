import { For, Show } from 'solid-js';
import type { RankedTopic } from '../../api/storage';
import type { StoragePrice } from '../../api/contract';
import { fmtBytes, fmtInt } from '../../ui/format';
import { VirtualTable } from '../../ui/VirtualTable';
import { fmtCost, fmtRetention, priceNote } from './format';
import './storage.css';

const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#dc2626', '#4b5563', '#db2777'];

const brokerColor = (broker: number | string, brokers: number[]) => PALETTE[Math.max(0, brokers.indexOf(Number(broker))) % PALETTE.length] as string;

interface Props {
  items: RankedTopic[];
  leaderOnly: boolean;
  sizesAvailable: boolean;
  brokers: number[];
  selected: string | undefined;
  onSelect: (topic: string) => void;
  price?: StoragePrice | undefined;
}

function Split(props: { topic: RankedTopic; brokers: number[] }) {
  const entries = () => Object.entries(props.topic.brokers).sort(([a], [b]) => Number(a) - Number(b));
  const total = () => entries().reduce((s, [, v]) => s + v, 0);
  const title = () => entries().map(([b, v]) => `broker ${b}: ${fmtBytes(v)}`).join(', ') + (props.topic.unknownReplicas ? `; ${props.topic.unknownReplicas} replica(s) unknown` : '');
  return (
    <span class="split" title={title()} aria-label={title()}>
      <For each={entries()}>
        {([broker, bytes]) => <span style={{ width: `${total() ? (bytes / total()) * 100 : 0}%`, background: brokerColor(broker, props.brokers) }} />}
      </For>
      <Show when={props.topic.unknownReplicas > 0}>
        <span class="split-unknown" />
      </Show>
    </span>
  );
}

/** Topics by bytes on disk; the body renders only the rows in view. */
export function RankingTable(props: Props) {
  const size = (t: RankedTopic) => (props.leaderOnly ? t.leaderBytes : t.bytes);
  const largest = () => props.items.reduce((max, t) => Math.max(max, size(t) ?? 0), 1);
  const columns = () => [
    { label: 'Topic' },
    { label: props.leaderOnly ? 'Leaders' : 'All replicas', num: true, width: '150px' },
    { label: 'Per broker', width: '160px' },
    { label: 'Skew', num: true, width: '70px', title: "How unevenly the topic's bytes sit on its brokers: largest / mean (1.00 = even)" },
    { label: 'Partitions', num: true, width: '90px' },
    { label: 'RF', num: true, width: '90px' },
    { label: 'Messages', num: true, width: '120px' },
    { label: 'Retention', width: '100px' },
    { label: 'Cost/month', num: true, width: '110px', title: priceNote(props.price) },
  ];

  return (
    <VirtualTable
      items={props.items}
      key={(t) => t.topic}
      columns={columns()}
      tableClass="ranking-table"
      class="ranking-scroll"
      label="Topics by disk usage"
      empty="No topics in this sample."
      row={(t, rowIndex) => (
        <tr
          aria-rowindex={rowIndex}
          data-topic={t().topic}
          classList={{ selected: props.selected === t().topic }}
          aria-selected={props.selected === t().topic}
          onClick={() => props.onSelect(t().topic)}
        >
          <td class="topic-name" title={t().topic}>
            <button type="button" class="link-button name-text" onClick={() => props.onSelect(t().topic)}>
              {t().topic}
            </button>
            <Show when={t().internal}>
              <span class="tag">internal</span>
            </Show>
            <Show when={t().deleted}>
              <span class="tag tag-deleted" title="Deleted since this sample: its size is from the sample, the cluster no longer has it">
                deleted
              </span>
            </Show>
          </td>
          <td class="num bytes-cell">
            <span class="bytes-bar" style={{ width: `${((size(t()) ?? 0) / largest()) * 100}%` }} />
            <span class="bytes-text" title={t().complete ? undefined : `${t().unknownReplicas} replica(s) on brokers that did not answer: at least this much`}>
              {props.sizesAvailable ? `${t().complete ? '' : '≥ '}${fmtBytes(size(t()))}` : 'unknown'}
            </span>
          </td>
          <td>
            <Show when={props.sizesAvailable} fallback={<span class="muted">—</span>}>
              <Split topic={t()} brokers={props.brokers} />
            </Show>
          </td>
          <td class="num" title={t().replicaSkew !== null ? `Replicas of one partition differ by up to ${Math.round((t().replicaSkew ?? 0) * 100)}%` : undefined}>
            {(() => {
              const skew = t().brokerSkew;
              return skew === null ? '—' : `×${skew.toFixed(2)}`;
            })()}
          </td>
          <td class="num">{fmtInt(t().partitions)}</td>
          <td class="num">{fmtInt(t().replicationFactor)}</td>
          <td class="num">{fmtInt(t().messages)}</td>
          <td class="nowrap">{t().cleanupPolicy?.includes('delete') === false ? 'compacted' : fmtRetention(t().retentionMs)}</td>
          <td class="num" data-col="cost">{t().deleted ? '—' : fmtCost(size(t()), props.price)}</td>
        </tr>
      )}
    />
  );
}
