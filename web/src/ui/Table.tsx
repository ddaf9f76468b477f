import { For, Show, type JSX } from 'solid-js';
import './Table.css';

export interface Column {
  label?: JSX.Element;
  /** Right-aligned, tabular figures. */
  num?: boolean;
  /** Further classes of the header cell. */
  class?: string;
  title?: string;
  /** Fixed width of the column (its <col>), e.g. "100px"; the others share the rest. */
  width?: string;
  /** A sortable column's state (aria-sort); its label is then a SortButton. */
  sort?: 'ascending' | 'descending' | 'none';
}

const headClass = (c: Column) => [c.num ? 'num' : '', c.class ?? ''].filter(Boolean).join(' ') || undefined;

/** Column widths (when any column sets one) and the header row of a table. */
export function TableHead(props: { columns: Column[] }) {
  return (
    <>
      <Show when={props.columns.some((c) => c.width !== undefined)}>
        <colgroup>
          <For each={props.columns}>{(c) => <col style={c.width ? { width: c.width } : undefined} />}</For>
        </colgroup>
      </Show>
      <thead>
        <tr>
          <For each={props.columns}>
            {(c) => (
              <th scope="col" class={headClass(c)} title={c.title} aria-sort={c.sort}>
                {c.label}
              </th>
            )}
          </For>
        </tr>
      </thead>
    </>
  );
}

/** The one row a table shows when it has nothing else to show. */
export function EmptyRow(props: { when: boolean; columns: number; children: JSX.Element }) {
  return (
    <Show when={props.when}>
      <tr>
        <td colSpan={props.columns} class="empty">
          {props.children}
        </td>
      </tr>
    </Show>
  );
}
