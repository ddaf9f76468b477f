import { For, Show } from 'solid-js';
import type { TopicLayout as Layout } from '../../api/storage';
import { fmtBytes, fmtDateTime, fmtDuration, fmtInt, fmtOffset } from '../../ui/format';
import { TableHead } from '../../ui/Table';
import { fmtRetention, fmtRetentionBytes } from './format';
import './storage.css';

const COLUMNS = [
  { label: 'Partition', num: true },
  { label: 'Broker' },
  { label: 'Log dir' },
  { label: 'Size', num: true },
  { label: 'Segments (est.)', num: true, title: 'ceil(size / segment.bytes): the active segment counts as one' },
  { label: 'Offsets', num: true },
  { label: 'Oldest record' },
];

/** Per partition and broker: size, estimated segments, oldest record, with the retention in force. */
export function TopicLayout(props: { layout: Layout }) {
  const r = () => props.layout.retention;
  return (
    <>
      <dl class="storage-kv retention-kv" aria-label="Retention in force">
        <div class="storage-kv-row">
          <dt>retention.ms</dt>
          <dd>{fmtRetention(r().retentionMs)}</dd>
        </div>
        <div class="storage-kv-row">
          <dt>retention.bytes</dt>
          <dd>{fmtRetentionBytes(r().retentionBytes)}</dd>
        </div>
        <div class="storage-kv-row">
          <dt>segment.bytes</dt>
          <dd>{fmtBytes(r().segmentBytes)}</dd>
        </div>
        <div class="storage-kv-row">
          <dt>segment.ms</dt>
          <dd>{fmtRetention(r().segmentMs)}</dd>
        </div>
        <div class="storage-kv-row">
          <dt>cleanup.policy</dt>
          <dd>{r().cleanupPolicy ?? '—'}</dd>
        </div>
      </dl>
      <div class="table-scroll layout-scroll">
        <table class="table layout-table" aria-label="Physical layout">
          <TableHead columns={COLUMNS} />
          <tbody>
            <For each={props.layout.partitions}>
              {(p) => (
                <For each={p.replicas}>
                  {(replica, i) => (
                    <tr data-partition={p.partition} data-broker={replica.broker}>
                      <td class="num">{i() === 0 ? p.partition : ''}</td>
                      <td>
                        {replica.broker}
                        <Show when={replica.leader}>
                          <span class="tag">leader</span>
                        </Show>
                        <Show when={replica.future}>
                          <span class="tag">moving</span>
                        </Show>
                      </td>
                      <td class="mono small ellipsis" title={replica.logDir ?? undefined}>
                        {replica.logDir ?? '—'}
                      </td>
                      <td class="num">
                        <Show when={replica.bytes !== null} fallback={<span class="badge badge-unknown">unknown</span>}>
                          {fmtBytes(replica.bytes)}
                        </Show>
                      </td>
                      <td class="num">{fmtInt(replica.estimatedSegments)}</td>
                      <td class="num small">
                        {i() === 0 ? `${fmtOffset(p.earliestOffset)} – ${fmtOffset(p.latestOffset)}` : ''}
                      </td>
                      <td class="small nowrap">
                        <Show when={i() === 0 && p.oldestTimestamp}>
                          {(ts) => (
                            <span title={fmtDateTime(ts())}>
                              {fmtDuration(p.oldestAgeMs)} old
                            </span>
                          )}
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </>
  );
}
