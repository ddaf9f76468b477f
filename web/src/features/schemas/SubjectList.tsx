import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { SchemaOverview, SchemaTopicUse } from '../../api/schemas';
import { schemaHref } from '../../api/schemas';

const withFilter = (href: string, filter: string | undefined) => (filter ? `${href}&${new URLSearchParams({ q: filter }).toString()}` : href);

export const useLabel = (u: SchemaTopicUse) => `${u.topic} (${u.part === 'record' ? `record ${u.recordName ?? ''}`.trim() : u.part})`;

interface Props {
  cluster: string;
  subjects: SchemaOverview['subjects'];
  selected: string | undefined;
  /** The list's filter, kept when a subject is chosen. */
  filter?: string;
  empty: string;
}

/** Subjects, each with the topics its name ties it to; the selected one is marked. */
export function SubjectList(props: Props) {
  return (
    <Show when={props.subjects.length > 0} fallback={<p class="muted small schema-detail-body">{props.empty}</p>}>
      <ul class="schema-subject-list" aria-label="Subjects">
        <For each={props.subjects}>
          {(s) => (
            <li>
              <A
                href={withFilter(schemaHref(props.cluster, s.subject), props.filter)}
                class="mono"
                classList={{ selected: s.subject === props.selected }}
                aria-current={s.subject === props.selected ? 'true' : undefined}
                data-subject={s.subject}
              >
                {s.subject}
                <Show when={s.usedBy.length > 0}>
                  <span class="muted small">{s.usedBy.map(useLabel).join(', ')}</span>
                </Show>
              </A>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
