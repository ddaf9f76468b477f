import { createResource, For, Show } from 'solid-js';
import { getBrokerHistory } from '../../api/storage';
import { ErrorBox } from '../../ui/ErrorBox';
import { fmtBytesSet } from '../../ui/format';
import { fmtDays, fmtShortHistory, windowOf, type WindowId } from './format';
import { GrowthChart } from './GrowthChart';
import './storage.css';

/** "+1.2 GiB/day, 40 GiB": the rate and the free space in one unit. */
function sameUnit(perDay: number | null, usable: number | null): string {
  const [rate, free] = fmtBytesSet([perDay, usable]);
  return `${perDay === null ? '—' : `${perDay > 0 ? '+' : ''}${rate}/day`}, ${free}`;
}

const COLORS = ['#2563eb', '#9333ea', '#0891b2', '#16a34a'];

/** Kafka's bytes in each log dir of one broker over the window, with days until the volume is full. */
export function BrokerGrowth(props: { cluster: string; broker: number; window: WindowId; version: number }) {
  const [history] = createResource(
    () => ({ c: props.cluster, b: props.broker, w: props.window, v: props.version }),
    (k) => getBrokerHistory(k.c, k.b, windowOf(k.w)),
  );
  return (
    <div class="broker-growth">
      <Show when={history.error}>{(e) => <ErrorBox error={e()} />}</Show>
      <Show when={!history.error && history.latest}>
        {(h) => (
          <>
            <GrowthChart
              label={`Kafka data on broker ${h().broker} over time`}
              height={160}
              series={h().logDirs.map((d, i) => ({
                label: d.path,
                color: COLORS[i % COLORS.length] as string,
                points: d.points.map((p) => ({ t: Date.parse(p.time), v: p.bytes })),
              }))}
            />
            <ul class="broker-growth-dirs">
              <For each={h().logDirs}>
                {(d) => (
                  <li>
                    <span class="mono">{d.path}</span>: {sameUnit(d.growth.bytesPerDay, d.usableBytes)} usable, full in{' '}
                    <Show when={d.history?.enough === false && d.history} fallback={<strong>{fmtDays(d.daysUntilFull)}</strong>}>
                      {(h) => <span class="muted">{fmtShortHistory(h())}</span>}
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
    </div>
  );
}
