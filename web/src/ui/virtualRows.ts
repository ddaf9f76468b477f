import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createMemo, on } from 'solid-js';

interface Options {
  count: () => number;
  key: (index: number) => string | number;
  scrollElement: () => HTMLElement | undefined;
  rowHeight: number;
  headHeight: number;
}

/**
 * Rows of a real <table> rendered only while in view, the rest stood in for by
 * one spacer row above and one below (see VirtualTable.tsx).
 * Row and header heights are fixed in CSS so nothing needs measuring.
 */
export function createVirtualRows(o: Options) {
  const virtualizer = createVirtualizer<HTMLElement, HTMLTableRowElement>({
    get count() {
      return o.count();
    },
    getScrollElement: () => o.scrollElement() ?? null,
    estimateSize: () => o.rowHeight,
    paddingStart: o.headHeight,
    overscan: 6,
    getItemKey: o.key,
  });
  const rows = () => virtualizer.getVirtualItems();
  // Equal index lists (a scroll within a row, a page appended out of view) keep the same array, so
  // nothing downstream runs again.
  const indexes = createMemo<number[]>(
    (prev) => {
      const next = rows().map((r) => r.index);
      return next.length === prev.length && next.every((n, i) => n === prev[i]) ? prev : next;
    },
    [],
  );
  const padTop = () => Math.max(0, (rows()[0]?.start ?? o.headHeight) - o.headHeight);
  const padBottom = () =>
    Math.max(0, virtualizer.getTotalSize() - (rows()[rows().length - 1]?.end ?? o.headHeight));
  return { rows, indexes, padTop, padBottom };
}

/** Back to the top whenever `key` changes: a new result set must start at its first row. */
export function scrollToTopOn(key: () => unknown, scrollElement: () => HTMLElement | undefined): void {
  createEffect(
    on(key, () => {
      const el = scrollElement();
      if (el) el.scrollTop = 0;
    }, { defer: true }),
  );
}
