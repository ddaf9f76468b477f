import { Show } from 'solid-js';

/** Stands in for the rows of a virtualized table that are out of view (see virtualRows.ts). */
export function SpacerRow(props: { height: number; columns: number }) {
  return (
    <Show when={props.height > 0}>
      <tr class="spacer" aria-hidden="true">
        <td colSpan={props.columns} style={{ height: `${props.height}px` }} />
      </tr>
    </Show>
  );
}
