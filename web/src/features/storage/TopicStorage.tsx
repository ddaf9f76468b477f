import { createResource, Show } from 'solid-js';
import { getTopicHistory, getTopicLayout, getTtlAdvice, type ForecastModel, type TopicHistory } from '../../api/storage';
import { ErrorBox } from '../../ui/ErrorBox';
import type { StoragePrice } from '../../api/contract';
import { fmtBytesSet, fmtInt } from '../../ui/format';
import { Loaded } from '../../ui/Loaded';
import { fmtCost, fmtDays, fmtRate, fmtShortHistory, priceNote, windowOf, type WindowId } from './format';
import { GrowthChart, type ChartLine } from './GrowthChart';
import { TopicLayout } from './TopicLayout';
import { TtlAdvice } from './TtlAdvice';
import './storage.css';

interface Props {
  cluster: string;
  topic: string;
  /** The storage price the costs are figured at (from the ranking). */
  price?: StoragePrice | undefined;
  window: WindowId;
  /** Changes when the data behind the page changed (a new sample, an applied change). */
  version: number;
  onApplied: (message: string) => void;
}

const MODEL: Record<ForecastModel, string> = {
  time: 'bounded by retention.ms',
  size: 'bounded by retention.bytes',
  unbounded: 'no bound: it grows as long as it is written to',
  compacted: 'compacted: bounded by the number of keys',
  unknown: 'not enough history to estimate',
};

/** "40 MiB (20–80 MiB)": the point and its interval, one unit. */
function withRange(point: number | null, range: { low: number; high: number } | null | undefined): string {
  const [p, low, high] = fmtBytesSet([point, range?.low, range?.high]);
  return range ? `${p} (${(low ?? '').replace(/ \S+$/, '')}–${high})` : (p ?? '—');
}

function Growth(props: { h: TopicHistory; price: StoragePrice | undefined }) {
  const f = () => props.h.forecast;
  // The steady state as a line only when it fits the picture; far above, it would flatten the curve
  // (the number is in the forecast below either way).
  const lines = (): ChartLine[] => {
    const steady = f()?.steadyStateBytes;
    const top = props.h.points.reduce((max, p) => Math.max(max, p.bytes), 0);
    return typeof steady === 'number' && steady <= Math.max(1, top) * 10 ? [{ label: 'steady state', color: '#d97706', value: steady }] : [];
  };
  return (
    <div class="topic-growth">
      <GrowthChart
        label={`Size of ${props.h.topic} over time, all replicas: ${props.h.points.length} samples`}
        series={[
          { label: 'all replicas', color: '#2563eb', points: props.h.points.map((p) => ({ t: Date.parse(p.time), v: p.bytes })) },
          { label: 'leaders', color: '#16a34a', points: props.h.points.map((p) => ({ t: Date.parse(p.time), v: p.leaderBytes })) },
        ]}
        lines={lines()}
      />
      <Show when={props.h.points.length === 0}>
        <p class="muted small">No complete sample of this topic in the window yet (samples that missed a broker are left out).</p>
      </Show>
      <dl class="storage-kv growth-kv">
        <div class="storage-kv-row">
          <dt>Growth</dt>
          <dd data-testid="growth-rate">
            {fmtRate(props.h.growthBytesPerDay)}
            <span class="muted small"> (Theil–Sen over {fmtInt(props.h.growth.points)} samples{props.h.step ? `, ${props.h.step} buckets` : ''})</span>
          </dd>
        </div>
        <div class="storage-kv-row">
          <dt>Written</dt>
          <dd>
            {fmtRate(props.h.ingest.bytesPerDay)} · {fmtInt(props.h.ingest.messagesPerDay === null ? null : Math.round(props.h.ingest.messagesPerDay))} records/day
          </dd>
        </div>
        <div class="storage-kv-row">
          <dt>Cost now</dt>
          <dd data-testid="topic-cost" title={priceNote(props.price)}>
            {fmtCost(props.h.current?.bytes, props.price)}
            <span class="muted small"> (all replicas)</span>
          </dd>
        </div>
        <div class="storage-kv-row">
          <dt>Forecast</dt>
          <dd data-testid="forecast">
            <Show when={f()} fallback="—">
              {(fc) => (
                <>
                  <Show when={fc().history?.enough === false && fc().history}>
                    {(h) => (
                      <div class="forecast-caveat" data-testid="forecast-caveat">
                        Forecast: {fmtShortHistory(h())}
                      </div>
                    )}
                  </Show>
                  <Show when={fc().steadyStateBytes !== null}>
                    <strong>{withRange(fc().steadyStateBytes, fc().range)}</strong> in steady state
                    {fc().reachedInDays !== null ? `, reached in ${fmtDays(fc().reachedInDays)}` : ''}
                    <span title={priceNote(props.price)}> ({fmtCost(fc().steadyStateBytes, props.price)})</span> —{' '}
                  </Show>
                  <Show when={fc().in30DaysBytes !== null}>
                    <strong>{withRange(fc().in30DaysBytes, fc().range)}</strong> in 30 days —{' '}
                  </Show>
                  {/* The caveat above already says it all when nothing could be estimated. */}
                  <Show when={!(fc().history?.enough === false && fc().model === 'unknown')}>
                    {MODEL[fc().model]}
                    <div class="muted small">{fc().explanation}</div>
                  </Show>
                </>
              )}
            </Show>
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** One topic: growth curve and forecast, physical layout, TTL advice. */
export function TopicStorage(props: Props) {
  const key = () => ({ c: props.cluster, t: props.topic, w: props.window, v: props.version });
  const [history] = createResource(key, (k) => getTopicHistory(k.c, k.t, windowOf(k.w)));
  const [layout] = createResource(key, (k) => getTopicLayout(k.c, k.t));
  const [advice] = createResource(key, (k) => getTtlAdvice(k.c, k.t, windowOf(k.w)));
  return (
    <div class="topic-storage">
      <section aria-label="Growth">
        <h3>Growth</h3>
        <Loaded resource={history} loading="Loading…">
          {(h) => <Growth h={h()} price={props.price} />}
        </Loaded>
      </section>
      <section aria-label="TTL advice">
        <h3>TTL advice</h3>
        <Show when={advice.error}>{(e) => <ErrorBox error={e()} />}</Show>
        <Show when={!advice.error && advice.latest}>{(a) => <TtlAdvice cluster={props.cluster} advice={a()} onApplied={props.onApplied} />}</Show>
      </section>
      <section aria-label="Physical layout" class="topic-layout">
        <h3>Physical layout</h3>
        <Show when={layout.error}>{(e) => <ErrorBox error={e()} />}</Show>
        <Show when={!layout.error && layout.latest}>{(l) => <TopicLayout layout={l()} />}</Show>
      </section>
    </div>
  );
}
