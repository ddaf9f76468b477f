import { createUniqueId, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { ErrorBox } from './ErrorBox';
import './Dialog.css';

interface Props {
  /** The heading text; it is also the dialog's accessible name. */
  title: string;
  onClose: () => void;
  /** Runs on the submit button (or Enter in a field); the page does not navigate. */
  onSubmit: () => unknown;
  /** A request is running: the buttons are disabled and Escape does not close. */
  busy: boolean;
  /** Shown above the buttons: a refusal from the server or a client-side check. */
  error?: unknown;
  submitLabel: string;
  /** Draws the submit button red, for actions that destroy or skip data. */
  danger?: boolean;
  /** False keeps the submit button disabled (e.g. until the topic name is typed). */
  canSubmit?: boolean;
  wide?: boolean;
  /** Extra class on the form, for a dialog's own layout. */
  class?: string;
  /** Further buttons, left of Cancel. */
  actions?: JSX.Element;
  children: JSX.Element;
}

/**
 * Every dialog of the app: a native modal <dialog> (the browser traps focus,
 * makes the page behind it inert and exposes role="dialog") holding one form
 * with its error box and Cancel / submit buttons. Mount it to open, unmount it
 * to close.
 */
export function Dialog(props: Props) {
  const headingId = createUniqueId();
  let el: HTMLDialogElement | undefined;

  onMount(() => el?.showModal());
  onCleanup(() => el?.close());

  return (
    <dialog
      ref={(d) => (el = d)}
      class="modal"
      classList={{ 'modal-wide': props.wide }}
      aria-labelledby={headingId}
      onCancel={(e) => {
        // Escape: close through the owner so its state stays the source of truth.
        e.preventDefault();
        if (!props.busy) props.onClose();
      }}
    >
      <h2 id={headingId} class="modal-title">
        {props.title}
      </h2>
      <form
        class={props.class ? `modal-body ${props.class}` : 'modal-body'}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void props.onSubmit();
        }}
      >
        {props.children}
        <Show when={props.error}>{(err) => <ErrorBox error={err()} />}</Show>
        <div class="modal-actions">
          {props.actions}
          <button type="button" class="btn" onClick={() => props.onClose()} disabled={props.busy}>
            Cancel
          </button>
          <button
            type="submit"
            class={props.danger ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={props.busy || props.canSubmit === false}
          >
            {props.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
