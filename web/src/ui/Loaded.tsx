import { Show, type Accessor, type JSX, type Resource } from 'solid-js';
import { ErrorBox } from './ErrorBox';

interface Props<T> {
  resource: Resource<T>;
  /** What is being loaded, said while it is: "Loading topic…". */
  loading: string;
  onRetry?: () => void;
  children: (value: Accessor<NonNullable<T>>) => JSX.Element;
}

/**
 * A resource's three states in one place: its problem (with Retry), a loading
 * line, or the content. The content stays on screen during a reload.
 */
export function Loaded<T>(props: Props<T>) {
  const value = () => (props.resource.error ? undefined : props.resource.latest);
  return (
    <>
      <Show when={props.resource.error as unknown}>{(e) => <ErrorBox error={e()} onRetry={props.onRetry} />}</Show>
      <Show when={value()} fallback={<Show when={!props.resource.error}><p class="muted">{props.loading}</p></Show>}>
        {(v) => props.children(v)}
      </Show>
    </>
  );
}
