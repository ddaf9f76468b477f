import { Show } from 'solid-js';
import { toProblem } from '../api/http';
import './ErrorBox.css';

interface Props {
  error: unknown;
  onRetry?: () => void;
}

/** The one way a failure is shown: title, detail, and the machine code in small print. */
export function ErrorBox(props: Props) {
  const problem = () => toProblem(props.error);
  return (
    <div class="error-box" role="alert">
      <div class="error-text">
        <strong class="error-title">{problem().title}</strong>
        <Show when={problem().detail}>
          <span class="error-detail">{problem().detail}</span>
        </Show>
        <small class="error-code">
          {problem().code}
          <Show when={problem().status}>{(s) => ` · HTTP ${s()}`}</Show>
        </small>
      </div>
      <Show when={props.onRetry}>
        {(retry) => (
          <button type="button" class="btn btn-small" onClick={() => retry()()}>
            Retry
          </button>
        )}
      </Show>
    </div>
  );
}
