import { useSearchParams } from '@solidjs/router';
import { createMemo, Match, Switch } from 'solid-js';
import { Segmented } from '../../ui/Segmented';
import { BrowsePanel } from '../messages/BrowsePanel';
import { parseDeepLink, sameDeepLink } from '../messages/deepLink';
import { TailPanel } from '../messages/TailPanel';
import '../messages/messages.css';

type Mode = 'browse' | 'tail';

const MODES: { value: Mode; label: string }[] = [
  { value: 'browse', label: 'Browse' },
  { value: 'tail', label: 'Live tail' },
];

/** The Messages page's two panels, fixed to one topic; mode and a linked record live in the URL as there. */
export function TopicMessages(props: { cluster: string; topic: string; partitions: number }) {
  const [search, setSearch] = useSearchParams<{ mode?: string; partition?: string; offset?: string }>();
  const mode = (): Mode => (search.mode === 'tail' ? 'tail' : 'browse');
  const deepLink = createMemo(() => parseDeepLink(search.offset, search.partition), undefined, { equals: sameDeepLink });
  const chooseMode = (m: Mode) => setSearch({ mode: m === 'tail' ? 'tail' : undefined, partition: undefined, offset: undefined });

  return (
    <div class="topic-messages">
      <div class="toolbar">
        <Segmented label="Mode" options={MODES} value={mode()} onChange={chooseMode} />
      </div>
      <Switch>
        <Match when={mode() === 'browse'}>
          <BrowsePanel cluster={props.cluster} topic={props.topic} partitions={props.partitions} deepLink={deepLink()} />
        </Match>
        <Match when={mode() === 'tail'}>
          <TailPanel cluster={props.cluster} topic={props.topic} partitions={props.partitions} />
        </Match>
      </Switch>
    </div>
  );
}
