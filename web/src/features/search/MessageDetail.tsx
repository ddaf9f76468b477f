import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import type { SearchRow } from '../../api/search';
import { fmtDateTime } from '../../ui/format';
import { sectionHref } from '../../app/sections';
import { followHref } from '../follow/links';
import { IndexedSchema } from '../schemas/IndexedSchema';
import './search.css';

interface Props {
  cluster: string;
  row: SearchRow;
  onClose: () => void;
}

/** Internal bookkeeping fields of VictoriaLogs and the indexer, shown last and muted. */
const INTERNAL = new Set(['_stream', '_stream_id', 'kind', 'cluster']);

/** Fields whose value says nothing across topics (positions, sizes, encodings): no "follow". */
const NOT_FOLLOWED = new Set([...INTERNAL, '_time', 'topic', 'partition', 'offset', 'key', 'keyEncoding', 'valueEncoding', 'valueBytes', 'sampleRate', 'truncated']);
const followable = (name: string, value: string | undefined) => value !== undefined && value !== '' && value.length <= 256 && !NOT_FOLLOWED.has(name);

/** The record's place in the browse view, where its neighbours can be read. */
function browseHref(cluster: string, row: SearchRow): string | undefined {
  if (!row.topic || row.partition === undefined || row.offset === undefined) return undefined;
  const q = new URLSearchParams({ topic: row.topic, partition: row.partition, offset: row.offset });
  return `${sectionHref(cluster, 'messages')}?${q}`;
}

function pretty(text: string): string {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return text;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return text;
  }
}

export function MessageDetail(props: Props) {
  const fields = createMemo(() =>
    Object.entries(props.row)
      .filter(([k]) => k !== '_msg')
      .sort(([a], [b]) => Number(INTERNAL.has(a)) - Number(INTERNAL.has(b)) || a.localeCompare(b)),
  );
  return (
    <aside class="search-detail panel" aria-label="Message detail">
      <div class="panel-head">
        <strong>
          {props.row.topic ?? 'message'}
          <Show when={props.row.partition !== undefined}>
            <span class="muted mono"> · {props.row.partition}:{props.row.offset}</span>
          </Show>
        </strong>
        <button type="button" class="btn btn-small" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
      <div class="search-detail-body">
        <p class="muted small">{fmtDateTime(props.row._time)}</p>
        <div class="search-detail-links">
          <Show when={browseHref(props.cluster, props.row)}>
            {(href) => (
              <A class="btn btn-small" href={href()}>
                Open in browse view
              </A>
            )}
          </Show>
          <Show when={props.row.key}>
            {(key) => (
              <A class="btn btn-small" href={followHref(props.cluster, { key: key() })} title="Every indexed record with this key, across topics">
                Follow this key
              </A>
            )}
          </Show>
        </div>
        <For each={(['value', 'key'] as const).filter((part) => props.row[`${part}SchemaId`])}>
          {(part) => (
            <IndexedSchema
              cluster={props.cluster}
              label={part === 'value' ? 'Value' : 'Key'}
              id={props.row[`${part}SchemaId`] ?? ''}
              type={props.row[`${part}SchemaType`]}
              error={props.row[`${part}SchemaError`]}
            />
          )}
        </For>
        <pre class="search-value mono">{pretty(props.row._msg)}</pre>
        <table class="search-fields">
          <tbody>
            <For each={fields()}>
              {([name, value]) => (
                <tr classList={{ muted: INTERNAL.has(name) }}>
                  <th scope="row" class="mono">
                    {name}
                  </th>
                  <td class="mono">
                    {value}
                    <Show when={followable(name, value)}>
                      {' '}
                      <A class="small search-follow-field" href={followHref(props.cluster, { field: name, value: value ?? '' })} aria-label={`Follow ${name} = ${value}`}>
                        follow
                      </A>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </aside>
  );
}
