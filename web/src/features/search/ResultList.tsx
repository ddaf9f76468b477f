import { createVirtualizer } from '@tanstack/solid-virtual';
import { For, Show } from 'solid-js';
import type { SearchRow } from '../../api/search';
import { fmtDateTime } from '../../ui/format';
import './search.css';

const ROW_H = 28;

interface Props {
  rows: SearchRow[];
  selected: number | undefined;
  onSelect: (index: number) => void;
  empty: string;
}

const position = (r: SearchRow) => (r.partition !== undefined && r.offset !== undefined ? `${r.partition}:${r.offset}` : '');

/** Virtualized, so thousands of hits scroll smoothly; rows are fixed-height, one line each. */
export function ResultList(props: Props) {
  let scrollEl: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return props.rows.length;
    },
    getScrollElement: () => scrollEl ?? null,
    estimateSize: () => ROW_H,
    overscan: 20,
  });

  const onKey = (e: KeyboardEvent) => {
    if (props.rows.length === 0) return;
    const current = props.selected ?? -1;
    const next = e.key === 'ArrowDown' ? current + 1 : e.key === 'ArrowUp' ? current - 1 : undefined;
    if (next === undefined || next < 0 || next >= props.rows.length) return;
    e.preventDefault();
    props.onSelect(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  return (
    <div class="search-results" ref={(el) => (scrollEl = el)} tabindex="0" role="listbox" aria-label="Search results" onKeyDown={onKey}>
      <div class="search-results-head" aria-hidden="true">
        <span>Time</span>
        <span>Topic</span>
        <span>Partition:offset</span>
        <span>Key</span>
        <span>Message</span>
      </div>
      <Show when={props.rows.length > 0} fallback={<p class="search-empty muted">{props.empty}</p>}>
        <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          <For each={virtualizer.getVirtualItems()}>
            {(item) => (
              <Show when={props.rows[item.index]}>
                {(row) => (
                  <div
                    class="search-row-item"
                    classList={{ selected: props.selected === item.index }}
                    role="option"
                    aria-selected={props.selected === item.index}
                    data-offset={row().offset}
                    style={{ transform: `translateY(${item.start}px)`, height: `${ROW_H}px` }}
                    onClick={() => props.onSelect(item.index)}
                  >
                    <span class="nowrap mono">{fmtDateTime(row()._time)}</span>
                    <span class="ellipsis" title={row().topic}>
                      {row().topic ?? '—'}
                    </span>
                    <span class="mono">{position(row())}</span>
                    <span class="ellipsis mono" title={row().key}>
                      {row().key ?? ''}
                    </span>
                    <span class="search-msg mono">{row()._msg}</span>
                  </div>
                )}
              </Show>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
