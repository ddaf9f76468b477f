import { A } from '@solidjs/router';
import { For } from 'solid-js';
import { TOPIC_TABS, topicTabHref, type TopicTab } from '../../app/sections';
import './topics.css';

/** The topic page's tabs: real links (one URL per tab), so a tab can be shared and Back returns to the last one. */
export function TopicTabs(props: { cluster: string; topic: string; current: TopicTab }) {
  return (
    <nav class="topic-tabs" aria-label="Topic sections">
      <For each={TOPIC_TABS}>
        {(tab) => (
          <A
            class="topic-tab"
            classList={{ active: props.current === tab.path }}
            href={topicTabHref(props.cluster, props.topic, tab.path)}
            aria-current={props.current === tab.path ? 'page' : undefined}
            end
          >
            {tab.label}
          </A>
        )}
      </For>
    </nav>
  );
}

export function tabOf(segment: string | undefined): TopicTab | undefined {
  if (segment === undefined || segment === '') return 'overview';
  return TOPIC_TABS.find((t) => t.path === segment)?.path;
}
