import { createEffect, createSignal, on, Show } from 'solid-js';
import type { MessageItem } from '../../api/messages';
import { ErrorBox } from '../../ui/ErrorBox';
import { ExportControl } from '../export/ExportControl';
import { tailSource } from '../export/sources';
import { InputField } from '../../ui/Field';
import { fmtInt, parsePartitionList } from '../../ui/format';
import { invalid } from '../../ui/problem';
import { MessageDetail } from './MessageDetail';
import { MessageList } from './MessageList';
import { TAIL_CAPACITY, useTail, type TailStatus } from './useTail';
import './messages.css';

interface Props {
  cluster: string;
  topic: string;
  partitions: number | undefined;
}

const STATUS_TEXT: Record<TailStatus, string> = {
  idle: 'Not started',
  connecting: 'Connecting…',
  live: 'Live',
  paused: 'Paused',
  stopped: 'Stopped',
  ended: 'Ended',
  failed: 'Failed',
};

const STATUS_BADGE: Record<TailStatus, string> = {
  idle: 'badge-unknown',
  connecting: 'badge-info',
  live: 'badge-ok',
  paused: 'badge-degraded',
  stopped: 'badge-unknown',
  ended: 'badge-unknown',
  failed: 'badge-error',
};

const rate = (n: number | undefined) => (n === undefined ? '—' : `${fmtInt(Math.round(n))}/s`);

/** Live tail: server-side filtering, newest on top, pause without losing the stream's position. */
export function TailPanel(props: Props) {
  const tail = useTail();
  const [filter, setFilter] = createSignal('');
  const [partitionText, setPartitionText] = createSignal('');
  const [inputError, setInputError] = createSignal<unknown>();
  const [selected, setSelected] = createSignal<MessageItem>();
  const [generation, setGeneration] = createSignal(0);

  // A different topic: the old stream means nothing any more.
  createEffect(
    on(
      () => props.topic,
      () => {
        tail.stop();
        setSelected(undefined);
      },
      { defer: true },
    ),
  );

  const running = () => ['connecting', 'live', 'paused'].includes(tail.status());

  /** (Re)connects with the current filter and partitions, from the latest offsets. */
  const start = () => {
    if (!props.topic) return;
    let partitions: number[];
    try {
      partitions = parsePartitionList(partitionText());
    } catch (e) {
      setInputError(invalid(e instanceof Error ? e.message : String(e)));
      return;
    }
    setInputError(undefined);
    setSelected(undefined);
    setGeneration((g) => g + 1);
    tail.start(props.cluster, props.topic, { q: filter().trim() || undefined, partitions });
  };

  const stats = () => tail.stats();
  // The ring is not reactive itself; `version` bumps once per flushed frame.
  const shownCount = () => {
    tail.version();
    return tail.ring.size;
  };
  const pushedTotal = () => {
    tail.version();
    return tail.ring.total;
  };

  return (
    <div class="msg-panel">
      <form
        class="msg-form"
        aria-label="Live tail"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <InputField
          label="Filter"
          class="tail-filter"
          hint={<>Substring (any case) of key, value or a header; or /regex/</>}
          type="search"
          inputClass="mono"
          placeholder="e.g. order-42 or /order-\d+/"
          autocomplete="off"
          spellcheck={false}
          value={filter()}
          onValue={setFilter}
        />
        <InputField
          label="Partitions"
          class="tail-partitions"
          hint={props.partitions !== undefined ? `Empty = all ${props.partitions}` : 'Empty = all'}
          type="text"
          inputClass="mono"
          placeholder="all, or 0, 2, 5-7"
          autocomplete="off"
          value={partitionText()}
          onValue={setPartitionText}
        />
        <div class="tail-actions">
          <button type="submit" class="btn" disabled={!props.topic}>
            Apply filter
          </button>
          <Show
            when={running()}
            fallback={
              <button type="button" class="btn btn-primary" disabled={!props.topic} onClick={start}>
                Start
              </button>
            }
          >
            <Show
              when={tail.status() === 'paused'}
              fallback={
                <button type="button" class="btn" onClick={() => tail.pause()}>
                  Pause
                </button>
              }
            >
              <button type="button" class="btn btn-primary" onClick={() => tail.resume()}>
                Resume
              </button>
            </Show>
            <button type="button" class="btn" onClick={() => tail.stop()}>
              Stop
            </button>
          </Show>
        </div>
      </form>

      <div class="tail-bar">
        <span class={`badge ${STATUS_BADGE[tail.status()]}`} data-testid="tail-status" data-status={tail.status()}>
          {STATUS_TEXT[tail.status()]}
        </span>
        <span class="tail-stats small" data-testid="tail-stats" aria-live="off">
          scanned <b>{rate(stats()?.scannedPerSec)}</b> · matched <b>{rate(stats()?.matchedPerSec)}</b> · dropped{' '}
          <b>{fmtInt(tail.dropped())}</b> · showing <b>{fmtInt(shownCount())}</b>{' '}
          of the last {fmtInt(TAIL_CAPACITY)}
        </span>
        <ExportControl
          what="the live tail's buffer"
          disabled={shownCount() === 0}
          source={() => tailSource(props.topic, tail.ring)}
          note="The messages shown, newest first, as they are now. Raw: values cut at the server's cap or decoded with a schema arrived without their bytes and stay as shown."
        />
        <Show when={tail.held() > 0}>
          <span class="muted small" data-testid="tail-held">
            {fmtInt(tail.held())} new while paused
          </span>
        </Show>
      </div>

      <Show when={tail.dropped() > 0}>
        <p class="warn-note" role="alert" data-testid="tail-dropped">
          {fmtInt(tail.dropped())} messages dropped: the browser could not keep up. Narrow the filter or the partitions to
          see all of them.
        </p>
      </Show>
      <Show when={tail.warning()}>
        {(w) => (
          <div class="warn-note tail-warning" role="alert" data-testid="tail-warning">
            <strong>{w().title}</strong> {w().detail}{' '}
            <small class="mono">{w().code}</small>
            <span class="muted small"> — the tail recovers by itself.</span>
          </div>
        )}
      </Show>
      <Show when={inputError() ?? tail.failure()}>{(e) => <ErrorBox error={e()} onRetry={tail.failure() ? start : undefined} />}</Show>
      <Show when={tail.ended()}>
        {(end) => (
          <div class="error-box" role="alert" data-testid="tail-ended" data-reason={end().reason}>
            <div class="error-text">
              <strong class="error-title">The live tail ended</strong>
              <span class="error-detail">{end().detail}</span>
              <small class="error-code">{end().reason}</small>
            </div>
          </div>
        )}
      </Show>

      <div class="msg-split" classList={{ 'with-detail': !!selected() }}>
        <MessageList
          label="Messages"
          count={shownCount()}
          version={tail.version()}
          at={(i) => tail.ring.at(i)}
          itemKey={(i) => tail.ring.seq(i)}
          prependedTotal={pushedTotal()}
          selected={selected()}
          onSelect={setSelected}
          resetKey={generation()}
          empty={
            !props.topic
              ? 'Choose a topic to tail.'
              : running()
                ? filter().trim()
                  ? 'Waiting for new messages that match the filter…'
                  : 'Waiting for new messages…'
                : 'Press Start to watch new messages as they arrive.'
          }
        />
        <Show when={selected()}>{(m) => <MessageDetail message={m()} onClose={() => setSelected(undefined)} />}</Show>
      </div>
    </div>
  );
}
