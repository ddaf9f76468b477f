import { For, Show, type Accessor, type JSX } from 'solid-js';
import { EmptyRow, TableHead, type Column } from './Table';
import { createVirtualRows, scrollToTopOn } from './virtualRows';
import './VirtualTable.css';

// Fixed row and header heights (the table CSS's --row-h and --head-h) let the
// virtualizer place rows without measuring each one.
const ROW_H = 30;
const HEAD_H = 32;

interface Props<T> {
  items: T[];
  /** A stable key per item, so rows survive a re-sort or an appended page. */
  key: (item: T) => string | number;
  columns: Column[];
  /** The table's own class, for rules of its own. */
  tableClass?: string;
  /** Accessible name of the scrolling box. */
  label: string;
  /** Further classes of the scrolling box. */
  class?: string;
  empty: string;
  /** Changes when the rows are a new result set rather than more of the same one: back to the top. */
  resetKey?: unknown;
  /** One <tr>; `rowIndex` is its aria-rowindex (the header row is 1). */
  row: (item: Accessor<T>, rowIndex: number) => JSX.Element;
}

/** Stands in for the rows of a virtualized table that are out of view. */
export function SpacerRow(props: { height: number; columns: number }) {
  return (
    <Show when={props.height > 0}>
      <tr class="spacer" aria-hidden="true">
        <td colSpan={props.columns} style={{ height: `${props.height}px` }} />
      </tr>
    </Show>
  );
}

/**
 * A real <table> whose body only renders the rows in view, padded above and
 * below by spacer rows, so 10,000 topics cost the same as 50.
 */
export function VirtualTable<T>(props: Props<T>) {
  let scrollEl: HTMLDivElement | undefined;
  const v = createVirtualRows({
    count: () => props.items.length,
    key: (i) => {
      const item = props.items[i];
      return item === undefined ? i : props.key(item);
    },
    scrollElement: () => scrollEl,
    rowHeight: ROW_H,
    headHeight: HEAD_H,
  });

  scrollToTopOn(() => props.resetKey, () => scrollEl);

  const width = () => props.columns.length;
  return (
    <div class={props.class ? `table-scroll virtual-scroll ${props.class}` : 'table-scroll virtual-scroll'} ref={(el) => (scrollEl = el)} tabindex="0" aria-label={props.label}>
      <table class={props.tableClass ? `table sticky-head virtual-table ${props.tableClass}` : 'table sticky-head virtual-table'} aria-rowcount={props.items.length + 1}>
        <TableHead columns={props.columns} />
        <tbody>
          <SpacerRow height={v.padTop()} columns={width()} />
          {/* Keyed by index: a row stays while its index is in view (a loaded page or a re-sort updates
              its cells in place), and the list changes only when the rows in view do. */}
          <For each={v.indexes()}>
            {(index) => <Show when={props.items[index]}>{(item) => props.row(item, index + 2)}</Show>}
          </For>
          <EmptyRow when={props.items.length === 0} columns={width()}>
            {props.empty}
          </EmptyRow>
          <SpacerRow height={v.padBottom()} columns={width()} />
        </tbody>
      </table>
    </div>
  );
}
