import { createUniqueId, Show, untrack, type JSX } from 'solid-js';

interface Props {
  label: string;
  hint?: JSX.Element;
  class?: string;
  children: (ids: { id: string; hintId: string | undefined }) => JSX.Element;
}

/**
 * Label above control, hint below. The label is tied by id rather than by
 * wrapping, so the control's accessible name is exactly the label text (a
 * wrapping label would also swallow the hint and a select's current option).
 */
export function Field(props: Props) {
  const id = createUniqueId();
  const hintId = `${id}-hint`;
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={id}>{props.label}</label>
      {/* Untracked: a changing hint must not recreate the control (it would lose focus). */}
      {untrack(() => props.children({ id, hintId: props.hint ? hintId : undefined }))}
      <Show when={props.hint}>
        <small id={hintId} class="muted">
          {props.hint}
        </small>
      </Show>
    </div>
  );
}
