import { For, Show } from 'solid-js';
import type { BrokerStorage, LogDirWithGrowth } from '../../api/storage';
import type { StoragePrice } from '../../api/contract';
import { fmtBytes, fmtBytesSet } from '../../ui/format';
import { fmtCost, fmtDaysRange, fmtRate, fmtShortHistory, priceNote } from './format';
import './storage.css';

const pct = (part: number | null, whole: number | null) => (part === null || !whole ? 0 : Math.max(0, Math.min(100, (part / whole) * 100)));

/** One log dir: Kafka's bytes, other use of the volume, free space; growth and days until full. */
function LogDirGauge(props: { dir: LogDirWithGrowth; selected: boolean; onSelect: () => void; price: StoragePrice | undefined }) {
  const d = () => props.dir;
  // One unit for the figures of one dir.
  const figures = () => fmtBytesSet([d().bytes, d().volumeUsedBytes, d().totalBytes, d().usableBytes]);
  const short = () => (d().history?.enough === false ? d().history : undefined);
  const kafka = () => pct(d().bytes, d().totalBytes);
  const other = () => Math.max(0, pct(d().volumeUsedBytes, d().totalBytes) - kafka());
  const soon = () => d().daysUntilFull !== null && (d().daysUntilFull as number) <= 14;
  return (
    <button type="button" class="logdir" classList={{ selected: props.selected, 'logdir-soon': soon() }} onClick={() => props.onSelect()} data-logdir={d().path}>
      <span class="logdir-path mono" title={d().path}>
        {d().path}
      </span>
      <span
        class="gauge"
        role="meter"
        aria-label={`${d().path}: ${figures()[1]} used of ${figures()[2]}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(kafka() + other())}
      >
        <span class="gauge-kafka" style={{ width: `${kafka()}%` }} />
        <span class="gauge-other" style={{ width: `${other()}%` }} />
      </span>
      <span class="logdir-numbers">
        <span>
          Kafka <strong>{figures()[0]}</strong>
        </span>
        <span>
          used {figures()[1]} / {figures()[2]}
        </span>
        <span>usable {figures()[3]}</span>
      </span>
      <span class="logdir-numbers">
        <span>{fmtRate(d().growthBytesPerDay)}</span>
        <Show when={short()} fallback={<span classList={{ 'logdir-full': soon() }} data-testid="logdir-full-in">full in {fmtDaysRange(d().daysUntilFullRange, d().daysUntilFull)}</span>}>
          {(h) => (
            <span class="muted" data-testid="logdir-full-in">
              full in: {fmtShortHistory(h())}
            </span>
          )}
        </Show>
      </span>
      <span class="logdir-numbers muted" title={priceNote(props.price)} data-testid="logdir-cost">
        <span>volume {fmtCost(d().totalBytes, props.price)}</span>
        <span>Kafka data {fmtCost(d().bytes, props.price)}</span>
      </span>
      <Show when={d().totalBytes === null}>
        <small class="muted">Volume size not reported (Kafka before 3.3).</small>
      </Show>
    </button>
  );
}

interface Props {
  data: BrokerStorage;
  selected: number | undefined;
  onSelect: (broker: number) => void;
}

export function BrokerDisks(props: Props) {
  return (
    <div class="broker-disks">
      <For each={props.data.items}>
        {(b) => (
          <div class="broker-disk" data-broker={b.broker} classList={{ unknown: b.state === 'unknown' }}>
            <div class="broker-disk-head">
              <strong>Broker {b.broker}</strong>
              <span class="muted mono small">
                {b.host}
                {b.port ? `:${b.port}` : ''}
              </span>
              <Show when={b.state === 'unknown'} fallback={
                  <span class="small" title={priceNote(props.data.price)} data-testid="broker-cost">
                    {fmtBytes(b.bytes)} · {fmtCost(b.bytes, props.data.price)}
                  </span>
                }
              >
                <span class="badge badge-unknown" title={b.message}>
                  unknown
                </span>
              </Show>
            </div>
            <Show
              when={b.state === 'ok'}
              fallback={
                <p class="muted small broker-disk-unknown">
                  Did not answer this sample{b.code ? ` (${b.code})` : ''}: its disks are unknown, not empty.
                </p>
              }
            >
              <For each={b.logDirs}>
                {(d) => <LogDirGauge dir={d} price={props.data.price} selected={props.selected === b.broker} onSelect={() => props.onSelect(b.broker)} />}
              </For>
            </Show>
          </div>
        )}
      </For>
      <Show when={props.data.skew}>
        {(s) => (
          <p class="muted small broker-skew" data-testid="broker-skew">
            Skew across {s().brokers} broker{s().brokers === 1 ? '' : 's'}: the fullest holds {s().ratio.toFixed(2)}× the mean (
            {fmtBytesSet([s().maxBytes, s().meanBytes, s().minBytes]).map((v, i) => ['', ' vs ', '; emptiest '][i] + v).join('')}).
            {s().unknownBrokers > 0 ? ` ${s().unknownBrokers} broker(s) unknown, not counted.` : ''}
          </p>
        )}
      </Show>
    </div>
  );
}
