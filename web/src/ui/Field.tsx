import { createUniqueId, For, Show, splitProps, untrack, type JSX } from 'solid-js';
import './Field.css';

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

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'class' | 'value' | 'onInput'>;

interface InputFieldProps extends InputAttributes {
  label: string;
  hint?: JSX.Element;
  /** Class of the field (its layout in the form). */
  class?: string;
  /** Class of the input itself, e.g. "mono" for names and offsets. */
  inputClass?: string;
  value: string;
  onValue: (value: string) => void;
}

/** A Field holding one <input>: label, hint and their ids wired up. */
export function InputField(props: InputFieldProps) {
  const [own, input] = splitProps(props, ['label', 'hint', 'class', 'inputClass', 'value', 'onValue']);
  return (
    <Field label={own.label} hint={own.hint} class={own.class}>
      {(f) => (
        <input
          id={f.id}
          aria-describedby={f.hintId}
          class={own.inputClass}
          {...input}
          value={own.value}
          onInput={(e) => own.onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

interface SelectFieldProps {
  label: string;
  hint?: JSX.Element;
  class?: string;
  options: { value: string; label: JSX.Element }[];
  value: string;
  onValue: (value: string) => void;
}

/**
 * A Field holding one <select>. `selected` is set per option rather than
 * `value` on the select: a value set before the options exist is dropped.
 */
export function SelectField(props: SelectFieldProps) {
  return (
    <Field label={props.label} hint={props.hint} class={props.class}>
      {(f) => (
        <select id={f.id} aria-describedby={f.hintId} onChange={(e) => props.onValue(e.currentTarget.value)}>
          <For each={props.options}>
            {(o) => (
              <option value={o.value} selected={o.value === props.value}>
                {o.label}
              </option>
            )}
          </For>
        </select>
      )}
    </Field>
  );
}
