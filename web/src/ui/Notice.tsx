import { Show } from 'solid-js';
import './Notice.css';

/** The outcome of an action the person took ("Configs saved."), until they dismiss it. */
export function Notice(props: { message: string | undefined; onDismiss: () => void }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <div class="notice" role="status">
          <span>{message()}</span>
          <button type="button" class="btn btn-small" onClick={() => props.onDismiss()}>
            Dismiss
          </button>
        </div>
      )}
    </Show>
  );
}
