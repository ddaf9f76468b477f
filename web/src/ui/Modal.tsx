import { createUniqueId, onCleanup, onMount, type JSX } from 'solid-js';

interface Props {
  /** The heading text; it is also the dialog's accessible name. */
  title: string;
  onClose: () => void;
  /** Prevents Escape from closing while a request is running. */
  busy?: boolean;
  children: JSX.Element;
  wide?: boolean;
}

/**
 * A native modal <dialog>: the browser traps focus, makes the page behind it
 * inert and exposes role="dialog". Mount it to open, unmount it to close.
 */
export function Modal(props: Props) {
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
      {props.children}
    </dialog>
  );
}
