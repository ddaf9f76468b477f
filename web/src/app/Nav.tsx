import { A } from '@solidjs/router';
import { For } from 'solid-js';
import { SECTIONS, sectionHref } from './sections';

export function Nav(props: { cluster: string }) {
  return (
    <nav class="nav" aria-label="Sections">
      <For each={SECTIONS}>
        {(s) => (
          <A href={sectionHref(props.cluster, s.path)} class="nav-link" activeClass="active">
            {s.label}
          </A>
        )}
      </For>
    </nav>
  );
}
