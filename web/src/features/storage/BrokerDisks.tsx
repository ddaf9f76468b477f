import { For, Show } from 'solid-js';
import type { BrokerStorage, LogDirWithGrowth } from '../../api/storage';
import { fmtBytes } from '../../ui/format';
import { fmtDays, fmtRate } from './format';
import './storage.css';

const pct = (part: number | null, whole: number | null) => (part === null || !whole ? 0 : Math.max(0, Math.min(100, (part / whole) * 100)));

/** One log dir: Kafka's bytes, other use of the volume, free space; growth and days until full. */
function LogDirGauge(props: { dir: LogDirWithGrowth; selected: boolean; onSelect: () => void }) {
  const d = () => props.dir;
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
        aria-label={`${d().path}: ${fmtBytes(d().volumeUsedBytes)} used of ${fmtBytes(d().totalBytes)}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(kafka() + other())}
      >
        <span class="gauge-kafka" style={{ width: `${kafka()}%` }} />
        <span class="gauge-other" style={{ width: `${other()}%` }} />
      </span>
      <span class="logdir-numbers">
        <span>
          Kafka <strong>{fmtBytes(d().bytes)}</strong>
        </span>
        <span>
          used {fmtBytes(d().volumeUsedBytes)} / {fmtBytes(d().totalBytes)}
        </span>
        <span>usable {fmtBytes(d().usableBytes)}</span>
      </span>
      <span class="logdir-numbers">
        <span>{fmtRate(d().growthBytesPerDay)}</span>
        <span classList={{ 'logdir-full': soon() }}>full in {fmtDays(d().daysUntilFull)}</span>
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
              <Show when={b.state === 'unknown'} fallback={<span class="small">{fmtBytes(b.bytes)}</span>}>
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
                {(d) => <LogDirGauge dir={d} selected={props.selected === b.broker} onSelect={() => props.onSelect(b.broker)} />}
              </For>
            </Show>
          </div>
        )}
      </For>
      <Show when={props.data.skew}>
        {(s) => (
          <p class="muted small broker-skew" data-testid="broker-skew">
            Skew across {s().brokers} broker{s().brokers === 1 ? '' : 's'}: the fullest holds {s().ratio.toFixed(2)}× the mean ({fmtBytes(s().maxBytes)} vs{' '}
            {fmtBytes(s().meanBytes)}; emptiest {fmtBytes(s().minBytes)}).
            {s().unknownBrokers > 0 ? ` ${s().unknownBrokers} broker(s) unknown, not counted.` : ''}
          </p>
        )}
      </Show>
    </div>
  );
}
