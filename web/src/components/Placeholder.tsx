import type { JSX } from 'solid-js';

/** Sections not built yet still get a real heading, so navigation and tests work today. */
export function Placeholder(props: { title: string; children: JSX.Element }) {
  return (
    <section class="page">
      <header class="page-head">
        <h1>{props.title}</h1>
      </header>
      <p class="placeholder">{props.children}</p>
    </section>
  );
}
