import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { TopicSummary } from '../../api/topics';
import { topicHref } from '../../app/sections';
import { fmtInt } from '../../ui/format';
import { VirtualTable } from '../../ui/VirtualTable';
import { ReplicationStatus } from './ReplicationStatus';
import './topics.css';

interface Props {
  cluster: string;
  items: TopicSummary[];
  empty: string;
  /** Changes when the rows are a new result set rather than more of the same one. */
  resetKey: number;
}

const COLUMNS = [
  { label: 'Name' },
  { label: 'Partitions', num: true, width: '100px' },
  { label: 'RF', num: true, width: '100px' },
  { label: 'Messages', num: true, width: '140px' },
  { label: 'Replication', width: '160px' },
];

/** Topics of the cluster, virtualized: 10,000 topics cost the same as 50. */
export function TopicTable(props: Props) {
  return (
    <VirtualTable
      items={props.items}
      key={(t) => t.name}
      columns={COLUMNS}
      label="Topics list"
      empty={props.empty}
      resetKey={props.resetKey}
      row={(topic, rowIndex) => (
        <tr aria-rowindex={rowIndex} data-topic={topic().name}>
          <td class="topic-name" title={topic().name}>
            <A class="name-text" href={topicHref(props.cluster, topic().name)}>
              {topic().name}
            </A>
            <Show when={topic().internal}>
              <span class="tag">internal</span>
            </Show>
          </td>
          <td class="num">{fmtInt(topic().partitions)}</td>
          <td class="num">{fmtInt(topic().replicationFactor)}</td>
          <td class="num">{fmtInt(topic().messages)}</td>
          <td>
            <ReplicationStatus topic={topic()} />
          </td>
        </tr>
      )}
    />
  );
}
