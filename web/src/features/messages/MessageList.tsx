import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, For, on, Show } from 'solid-js';
import type { MessageItem } from '../../api/messages';
import { fmtOffset } from '../../ui/format';
import { scrollToTopOn } from '../../ui/virtualRows';
import { fmtTimestamp, previewText } from './decode';
import './messages.css';

// Fixed row height (kept in sync with .msg-row in messages.css): nothing is measured.
const ROW_H = 28;

interface Props {
  label: string;
  count: number;
  /** Read again whenever `version` changes: the same index can hold a newer message. */
  at: (index: number) => MessageItem | undefined;
  itemKey: (index: number) => string | number;
  version?: number;
  selected?: MessageItem;
  isHighlighted?: (m: MessageItem) => boolean;
  onSelect: (m: MessageItem) => void;
  empty: string;
  /** Changes when the rows are a new result set: back to the top. */
  resetKey?: unknown;
  /**
   * Total items ever prepended (the live tail adds at the top). While the
   * reader is scrolled away from the top, the view moves down by as many rows
   * so the messages being read stay put.
   */
  prependedTotal?: number;
  /** Scroll this index into view (a deep-linked record). */
  focusIndex?: number;
}

/** Virtualized message rows: 10,000 messages cost the same as 30. */
export function MessageList(props: Props) {
  let scrollEl: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer<HTMLDivElement, HTMLDivElement>({
    get count() {
      return props.count;
    },
    getScrollElement: () => scrollEl ?? null,
    estimateSize: () => ROW_H,
    overscan: 10,
    getItemKey: (i) => props.itemKey(i),
  });

  scrollToTopOn(() => props.resetKey, () => scrollEl);

  createEffect(
    on(
      () => props.prependedTotal,
      (total, prev) => {
        if (!scrollEl || total === undefined || prev === undefined || total <= prev) return;
        // The virtualizer's last seen offset, not scrollTop: reading that would force a layout every frame.
        if ((virtualizer.scrollOffset ?? 0) > 0) scrollEl.scrollTop += (total - prev) * ROW_H;
      },
      { defer: true },
    ),
  );

  createEffect(
    on(
      () => props.focusIndex,
      (i) => {
        if (i !== undefined && i >= 0) virtualizer.scrollToIndex(i, { align: 'center' });
      },
    ),
  );

  return (
    <div class="msg-list">
      <div class="msg-row msg-head" aria-hidden="true">
        <span>Partition</span>
        <span>Offset</span>
        <span>Timestamp</span>
        <span>Key</span>
        <span>Value</span>
      </div>
      <div class="msg-scroll" ref={(el) => (scrollEl = el)}>
        <div role="list" aria-label={props.label} class="msg-sizer" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          <For each={virtualizer.getVirtualItems()}>
            {(vi) => {
              const msg = () => {
                void props.version;
                return props.at(vi.index);
              };
              return (
                <Show when={msg()}>
                  {(m) => (
                    <div
                      role="listitem"
                      class="msg-item"
                      classList={{
                        selected: props.selected === m(),
                        highlighted: props.isHighlighted?.(m()) ?? false,
                      }}
                      style={{ transform: `translateY(${vi.start}px)` }}
                      data-partition={m().partition}
                      data-offset={m().offset}
                      aria-current={props.selected === m() ? 'true' : undefined}
                    >
                      <button type="button" class="msg-row" onClick={() => props.onSelect(m())}>
                        <span class="num">{m().partition}</span>
                        <span class="num mono">{fmtOffset(m().offset)}</span>
                        <span class="mono">{fmtTimestamp(m().timestamp)}</span>
                        <span class="mono msg-key" classList={{ muted: m().key === null }}>
                          {m().key === null ? 'null' : previewText(m().key, m().keyEncoding).slice(0, 60)}
                        </span>
                        <span class="mono msg-value" classList={{ muted: m().value === null }}>
                          <Show when={m().truncated}>
                            <span class="tag msg-tag">truncated</span>
                          </Show>
                          <Show when={m().valueEncoding === 'base64'}>
                            <span class="tag msg-tag">binary</span>
                          </Show>
                          {previewText(m().value, m().valueEncoding)}
                        </span>
                      </button>
                    </div>
                  )}
                </Show>
              );
            }}
          </For>
        </div>
        <Show when={props.count === 0}>
          <p class="msg-empty muted">{props.empty}</p>
        </Show>
      </div>
    </div>
  );
}
