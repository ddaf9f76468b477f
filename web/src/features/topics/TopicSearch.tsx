import { useNavigate } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { sectionHref } from '../../app/sections';
import { InputField, SelectField } from '../../ui/Field';
import { Panel } from '../../ui/Panel';
import { PRESETS } from '../search/timeRange';
import './topics.css';

/** The LogsQL filter that keeps a search to one topic (`topic` is a stream field of indexed records). */
export const topicFilter = (topic: string) => `topic:=${JSON.stringify(topic)}`;

/** History search of this topic: the query goes to the Search page with the topic filter in front. */
export function TopicSearch(props: { cluster: string; topic: string }) {
  const navigate = useNavigate();
  const [query, setQuery] = createSignal('');
  const [range, setRange] = createSignal('24h');
  const go = () => {
    const q = `${topicFilter(props.topic)}${query().trim() ? ` ${query().trim()}` : ''}`;
    const params = new URLSearchParams({ q, range: range() });
    navigate(`${sectionHref(props.cluster, 'search')}?${params.toString()}`);
  };
  return (
    <Panel title="Search this topic's history" note="indexed records (see the Indexing tab)">
      <form
        class="panel-body topic-search-form"
        aria-label="Search this topic"
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <span class="mono muted topic-search-scope" data-testid="search-scope">
          {topicFilter(props.topic)}
        </span>
        <InputField
          label="Query"
          class="topic-search-query"
          type="search"
          placeholder='e.g. "payment declined" or status:=failed'
          autocomplete="off"
          value={query()}
          onValue={setQuery}
        />
        <SelectField label="Range" options={PRESETS.map((p) => ({ value: p.id, label: p.label }))} value={range()} onValue={setRange} />
        <button type="submit" class="btn btn-primary">
          Search
        </button>
      </form>
    </Panel>
  );
}
