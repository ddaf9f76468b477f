import { Show, type JSX } from 'solid-js';
import './Panel.css';

interface Props {
  title: JSX.Element;
  /** Heading class, e.g. "mono" for a topic name. */
  titleClass?: string;
  /** A short muted note at the right of the heading. */
  note?: JSX.Element;
  /** Controls at the right of the heading (filters, switches, buttons). */
  tools?: JSX.Element;
  /** Makes the panel a landmark region with this name. */
  label?: string;
  class?: string;
  testId?: string;
  children: JSX.Element;
}

/** A bordered box with a heading line; most sections of a page are one. */
export function Panel(props: Props) {
  return (
    <div
      class={props.class ? `panel ${props.class}` : 'panel'}
      role={props.label ? 'region' : undefined}
      aria-label={props.label}
      data-testid={props.testId}
    >
      <div class="panel-head">
        <h2 class={props.titleClass}>{props.title}</h2>
        <Show when={props.note}>
          <span class="muted small">{props.note}</span>
        </Show>
        <Show when={props.tools}>
          <div class="panel-tools">{props.tools}</div>
        </Show>
      </div>
      {props.children}
    </div>
  );
}
