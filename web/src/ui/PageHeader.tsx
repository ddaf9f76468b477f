import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import './PageHeader.css';

interface Props {
  title: string;
  /** A topic or group name: set in the monospace font, long names wrap anywhere. */
  mono?: boolean;
  /** The list this page belongs to, shown as a breadcrumb above the title. */
  back?: { href: string; label: string };
  /** Controls at the right end: Refresh, Create…, a window switch. */
  actions?: JSX.Element;
  /** What follows the title: counts, badges, the cluster name. */
  children?: JSX.Element;
}

/** The head of every page: breadcrumb, title, summary and page-wide actions on one line. */
export function PageHeader(props: Props) {
  return (
    <>
      <Show when={props.back}>
        {(back) => (
          <nav class="breadcrumb" aria-label="Breadcrumb">
            <A href={back().href}>{back().label}</A>
            <span aria-hidden="true"> / </span>
          </nav>
        )}
      </Show>
      <header class="page-head">
        <h1 class={props.mono ? 'mono-title' : undefined}>{props.title}</h1>
        {props.children}
        <Show when={props.actions}>
          <div class="page-actions">{props.actions}</div>
        </Show>
      </header>
    </>
  );
}

/** Reloads what the page shows; disabled while a load is running. */
export function RefreshButton(props: { busy: boolean; onClick: () => void }) {
  return (
    <button type="button" class="btn" disabled={props.busy} onClick={() => props.onClick()}>
      Refresh
    </button>
  );
}
