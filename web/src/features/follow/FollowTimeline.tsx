import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { FollowTimeline as Timeline } from '../../api/search';
import { fmtDateTime, fmtInt } from '../../ui/format';
import { browseRecordHref } from './links';
import './follow.css';

interface Props {
  cluster: string;
  timeline: Timeline;
}

/** A few distinct hues, one per topic in order of first appearance, so a topic reads the same down the list. */
const HUES = [215, 150, 28, 280, 345, 190, 60, 0];

/** Every indexed record with the value, oldest first; each opens at its place in the browse view. */
export function FollowTimeline(props: Props) {
  const hueOf = (topic: string) => {
    const i = props.timeline.topics.findIndex((t) => t.topic === topic);
    return HUES[(i < 0 ? 0 : i) % HUES.length] as number;
  };
  return (
    <div class="follow">
      <p class="follow-summary" role="status">
        <strong>{fmtInt(props.timeline.records.length)}</strong> {props.timeline.records.length === 1 ? 'record' : 'records'} in{' '}
        <strong>{props.timeline.topics.length}</strong> {props.timeline.topics.length === 1 ? 'topic' : 'topics'}
        <span class="muted">
          {' '}
          between {fmtDateTime(props.timeline.start)} and {fmtDateTime(props.timeline.end)}
        </span>
        <Show when={props.timeline.truncated}>
          <span class="warn-text"> · more matched: the newest {fmtInt(props.timeline.limit)} are shown</span>
        </Show>
      </p>
      <Show when={props.timeline.topics.length > 0}>
        <ul class="follow-topics" aria-label="Topics on the timeline">
          <For each={props.timeline.topics}>
            {(t) => (
              <li class="follow-topic" style={{ '--hue': String(hueOf(t.topic)) }}>
                <span class="mono">{t.topic}</span> <span class="muted small">{fmtInt(t.records)}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show
        when={props.timeline.records.length > 0}
        fallback={<p class="muted">No indexed record has this value in the window. Records of topics not indexed, or sampled out, are not here.</p>}
      >
        <ol class="follow-list" aria-label="Timeline">
          <For each={props.timeline.records}>
            {(r) => (
              <li class="follow-item" style={{ '--hue': String(hueOf(r.topic)) }} data-topic={r.topic} data-offset={r.offset}>
                <span class="follow-time mono">{fmtDateTime(r.time)}</span>
                <span class="follow-where">
                  <A class="mono follow-topic-name" href={browseRecordHref(props.cluster, r)} title="Open in browse view">
                    {r.topic}
                  </A>
                  <span class="muted mono">
                    {' '}
                    {r.partition}:{r.offset}
                  </span>
                </span>
                <span class="follow-preview mono" title={r.preview}>
                  {r.preview}
                </span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </div>
  );
}
