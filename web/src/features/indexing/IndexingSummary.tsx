import { Show } from 'solid-js';
import type { TopicIndexing } from '../../api/indexing';
import type { StoragePrice } from '../../api/contract';
import { fmtBytes, fmtInt, fmtPct } from '../../ui/format';
import { fmtCost, priceNote } from '../storage/format';

function totals(topics: TopicIndexing[]) {
  let seen = 0;
  let bytesSeen = 0;
  let saved = 0;
  let indexed = 0;
  for (const t of topics) {
    seen += t.stats?.seen ?? 0;
    indexed += t.stats?.indexed ?? 0;
    bytesSeen += t.stats?.bytesSeen ?? 0;
    saved += t.stats?.savedBytes ?? 0;
  }
  return { seen, indexed, saved, ratio: bytesSeen > 0 ? saved / bytesSeen : undefined };
}

/** What the whole plan did: records seen vs indexed, and the index storage sampling saved. */
export function IndexingSummary(props: { topics: TopicIndexing[]; price?: StoragePrice | undefined }) {
  const t = () => totals(props.topics);
  return (
    <span class="page-sub" data-testid="indexing-summary">
      {fmtInt(t().indexed)} of {fmtInt(t().seen)} records indexed · {fmtPct(t().ratio)} storage saved ({fmtBytes(t().saved)}
      <Show when={props.price}>
        {(p) => (
          <span title={`Index storage not written, for each month it would have been kept. ${priceNote(p())}`} data-testid="indexing-saved-cost">
            {' '}
            ≈ {fmtCost(t().saved, p())}
          </span>
        )}
      </Show>
      )
    </span>
  );
}
