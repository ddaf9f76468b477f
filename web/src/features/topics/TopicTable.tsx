import { Show } from 'solid-js';
import type { TopicSort, TopicSummary } from '../../api/topics';
import { topicHref } from '../../app/sections';
import { fmtBytes, fmtInt } from '../../ui/format';
import { sortableColumn, type SortState } from '../../ui/SortButton';
import { VirtualTable } from '../../ui/VirtualTable';
import { ReplicationStatus } from './ReplicationStatus';
import './topics.css';

interface Props {
  cluster: string;
  items: TopicSummary[];
  empty: string;
  /** Changes when the rows are a new result set rather than more of the same one. */
  resetKey: number;
  /** The server sorts (the list is paged there); a header click asks for another order. */
  sort: SortState<TopicSort>;
  onSort: (sort: SortState<TopicSort>) => void;
  /** Tooltip of the size column: which sample the sizes come from. */
  sizeNote: string;
}

/** Topics of the cluster, virtualized: 10,000 topics cost the same as 50. */
export function TopicTable(props: Props) {
  return (
    <VirtualTable
      items={props.items}
      key={(t) => t.name}
      columns={[
        sortableColumn({ label: 'Name' }, 'name', props.sort, props.onSort),
        sortableColumn({ label: 'Partitions', num: true, width: '110px' }, 'partitions', props.sort, props.onSort),
        sortableColumn({ label: 'RF', num: true, width: '80px' }, 'replicationFactor', props.sort, props.onSort),
        sortableColumn({ label: 'Messages', num: true, width: '140px' }, 'messages', props.sort, props.onSort),
        sortableColumn({ label: 'Size', num: true, width: '120px', title: props.sizeNote }, 'bytes', props.sort, props.onSort),
        { label: 'Replication', width: '160px' },
      ]}
      label="Topics list"
      empty={props.empty}
      resetKey={props.resetKey}
      row={(topic, rowIndex) => (
        <tr aria-rowindex={rowIndex} data-topic={topic().name}>
          <td class="topic-name" title={topic().name}>
            {/* A plain link (the router still takes its clicks): <A> costs several computations per row,
                and rows are created on every scroll step. */}
            <a class="name-text" href={topicHref(props.cluster, topic().name)}>
              {topic().name}
            </a>
            <Show when={topic().internal}>
              <span class="tag">internal</span>
            </Show>
          </td>
          <td class="num">{fmtInt(topic().partitions)}</td>
          <td class="num">{fmtInt(topic().replicationFactor)}</td>
          <td class="num">{fmtInt(topic().messages)}</td>
          <td class="num" data-col="size" title={props.sizeNote}>
            {topic().bytes === null ? '—' : fmtBytes(topic().bytes)}
          </td>
          <td>
            <ReplicationStatus topic={topic()} />
          </td>
        </tr>
      )}
    />
  );
}
