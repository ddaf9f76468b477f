import { A } from '@solidjs/router';
import { createEffect, For, on, Show } from 'solid-js';
import { isUnderReplicated, type TopicSummary } from '../../api/topics';
import { fmtInt } from '../../ui/format';
import { topicHref } from '../../app/sections';
import { SpacerRow } from '../../ui/SpacerRow';
import { createVirtualRows } from '../../ui/virtualRows';

// Fixed row and header heights (kept in sync with styles.css) let the
// virtualizer place rows without measuring each one.
const ROW_H = 30;
const HEAD_H = 32;

interface Props {
  cluster: string;
  items: TopicSummary[];
  empty: string;
  /** Changes when the rows are a new result set rather than more of the same one. */
  resetKey: number;
}

/**
 * A real <table> whose body only renders the rows in view, padded above and
 * below by spacer rows, so 10,000 topics cost the same as 50.
 */
export function TopicTable(props: Props) {
  let scrollEl: HTMLDivElement | undefined;
  const v = createVirtualRows({
    count: () => props.items.length,
    key: (i) => props.items[i]?.name ?? i,
    scrollElement: () => scrollEl,
    rowHeight: ROW_H,
    headHeight: HEAD_H,
  });

  // A new search must start at its first match, not at the old scroll offset.
  createEffect(
    on(
      () => props.resetKey,
      () => {
        if (scrollEl) scrollEl.scrollTop = 0;
      },
      { defer: true },
    ),
  );


  return (
    <div class="table-scroll" ref={(el) => (scrollEl = el)} tabindex="0" aria-label="Topics list">
      <table class="table topic-table" aria-rowcount={props.items.length + 1}>
        <colgroup>
          <col />
          <col class="col-num" />
          <col class="col-num" />
          <col class="col-msgs" />
          <col class="col-flag" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" class="num">Partitions</th>
            <th scope="col" class="num">RF</th>
            <th scope="col" class="num">Messages</th>
            <th scope="col">Replication</th>
          </tr>
        </thead>
        <tbody>
          <SpacerRow height={v.padTop()} columns={5} />
          <For each={v.rows()}>
            {(vi) => {
              const t = () => props.items[vi.index];
              return (
                <Show when={t()}>
                  {(topic) => (
                    <tr aria-rowindex={vi.index + 2} data-topic={topic().name}>
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
                        <Show when={isUnderReplicated(topic())} fallback={<span class="muted">ok</span>}>
                          <span
                            class="badge badge-degraded"
                            title={
                              typeof topic().underReplicated === 'number'
                                ? `${topic().underReplicated} partition(s) have fewer in-sync replicas than the replication factor`
                                : 'Some partitions have fewer in-sync replicas than the replication factor'
                            }
                          >
                            under-replicated
                          </span>
                        </Show>
                      </td>
                    </tr>
                  )}
                </Show>
              );
            }}
          </For>
          <Show when={props.items.length === 0}>
            <tr>
              <td colSpan={5} class="empty">
                {props.empty}
              </td>
            </tr>
          </Show>
          <SpacerRow height={v.padBottom()} columns={5} />
        </tbody>
      </table>
    </div>
  );
}
