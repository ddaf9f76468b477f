import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { SearchCoverage } from '../../api/search';
import { coverageInScope } from './coverage';
import { browseFilterOf, describeBrowseFilter, type BrowseLinkFilter } from './browseFilter';
import { sectionHref } from '../../app/sections';
import './search.css';

interface Props {
  cluster: string;
  coverage: SearchCoverage;
  /** Topics the query is narrowed to (its topic filters); empty: every topic. */
  topics: string[];
  /** The search's query: carried to browse as its filter when it is one simple term. */
  query: string;
}

type Indexed = SearchCoverage['indexed'][number];

/** Shown before "and N more". */
const LINKS_SHOWN = 8;

const pct = (rate: number) => `${Math.round(rate * 1000) / 10} %`;

/** Browse of `topic`, filtered as the search was when its query maps to a browse filter. */
export const browseTopicHref = (cluster: string, topic: string, filter?: BrowseLinkFilter | null) =>
  `${sectionHref(cluster, 'messages')}?${new URLSearchParams({
    topic,
    ...(filter ? { filter: filter.filter, filterField: filter.filterField, ...(filter.header ? { header: filter.header } : {}) } : {}),
  })}`;

/** Why a search may not find a record: which topics are indexed, at what rate, and which are not. */
export function CoverageNote(props: Props) {
  const [allLinks, setAllLinks] = createSignal(false);
  const scope = () => coverageInScope(props.coverage, props.topics);
  const rate = (t: Indexed) =>
    t.sampleRate < 1 ? ` (${pct(t.sampleRate)} of keys${t.keepRules > 0 ? ` + ${t.keepRules} keep ${t.keepRules === 1 ? 'rule' : 'rules'}` : ''})` : '';
  const linkFilter = () => browseFilterOf(props.query);
  const links = () => (allLinks() ? scope().notIndexed : scope().notIndexed.slice(0, LINKS_SHOWN));
  return (
    <section class="search-coverage small" aria-label="Search coverage">
      <p>
        <Show when={scope().indexed.length > 0} fallback={<span class="warn">No topic in this search is indexed.</span>}>
          Searching {scope().indexed.length} indexed {scope().indexed.length === 1 ? 'topic' : 'topics'}:{' '}
          <For each={scope().indexed}>
            {(t, i) => (
              <>
                {i() > 0 ? ', ' : ''}
                <span class="mono">{t.topic}</span>
                <span classList={{ warn: t.sampleRate < 1 }}>{t.sampleRate < 1 ? rate(t) : ' (all records)'}</span>
              </>
            )}
          </For>
          .
        </Show>
      </p>
      <Show when={scope().sampled.length > 0}>
        <p class="warn">Sampled topics index only part of their keys: a matching record may have been sampled out.</p>
      </Show>
      <Show when={scope().paused.length > 0}>
        <p class="muted">
          Indexing paused (only what was indexed before is found): <span class="mono">{scope().paused.join(', ')}</span>.
        </p>
      </Show>
      <Show when={scope().notIndexedTotal > 0}>
        <p>
          <span class="warn">
            {scope().notIndexedTotal} {scope().notIndexedTotal === 1 ? 'topic is' : 'topics are'} not indexed: search cannot find their records.
          </span>{' '}
          Scan in Kafka:{' '}
          <For each={links()}>
            {(topic) => (
              <A class="mono" href={browseTopicHref(props.cluster, topic, linkFilter())} title={`Browse ${topic} in Kafka`}>
                {topic}
              </A>
            )}
          </For>
          <Show when={scope().notIndexedTotal > links().length}>
            {' '}
            <Show when={!allLinks() && scope().notIndexed.length > LINKS_SHOWN} fallback={<span class="muted">and {scope().notIndexedTotal - links().length} more</span>}>
              <button type="button" class="link-button" onClick={() => setAllLinks(true)}>
                and {scope().notIndexedTotal - links().length} more
              </button>
            </Show>
          </Show>
          <span class="muted" data-testid="browse-link-filter">
            {' '}
            {(() => {
              const f = linkFilter();
              if (f === undefined) return '';
              return f ? `(filtered: ${describeBrowseFilter(f)})` : '(unfiltered: this query does not map to a browse filter, which takes one term)';
            })()}
          </span>
        </p>
      </Show>
    </section>
  );
}
