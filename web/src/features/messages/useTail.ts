import { batch, createSignal, onCleanup } from 'solid-js';
import {
  explainTailFailure,
  tailUrl,
  type MessageItem,
  type TailEnd,
  type TailProblem,
  type TailQuery,
  type TailStats,
} from '../../api/messages';
import { Ring } from './ring';

/** Messages kept for the list; older ones fall off the end. */
export const TAIL_CAPACITY = 10_000;

export type TailStatus = 'idle' | 'connecting' | 'live' | 'paused' | 'stopped' | 'ended' | 'failed';

declare global {
  interface Window {
    /** Read by the bench: messages delivered into the tail list so far, to measure the sustained render rate. */
    __kafkaPlusTail?: { rendered: number };
  }
}

const RECONNECTING: TailProblem = {
  title: 'Connection interrupted',
  detail: 'Reconnecting to the live tail…',
  code: 'TAIL_RECONNECTING',
  retryable: true,
};

/** An `end` event whose data could not be read: the stream is over all the same. */
interface UnreadableEnd {
  reason: 'unknown';
  detail: string;
}

function parse<T>(data: unknown): T | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    return JSON.parse(data) as T;
  } catch {
    return undefined;
  }
}

/**
 * One live-tail connection and what the page shows of it. Events are
 * buffered and flushed into the ring once per animation frame, so a burst of
 * thousands of messages costs one re-render, not thousands. Pausing keeps the
 * connection (and so its position) and keeps receiving, but stops flushing:
 * the list holds still and resume shows everything that arrived meanwhile.
 */
export function useTail() {
  const ring = new Ring<MessageItem>(TAIL_CAPACITY);
  const [version, setVersion] = createSignal(0);
  const [status, setStatus] = createSignal<TailStatus>('idle');
  const [stats, setStats] = createSignal<TailStats>();
  const [dropped, setDropped] = createSignal(0);
  const [warning, setWarning] = createSignal<TailProblem>();
  const [failure, setFailure] = createSignal<unknown>();
  const [ended, setEnded] = createSignal<TailEnd | UnreadableEnd>();
  const [held, setHeld] = createSignal(0);

  const counter = (window.__kafkaPlusTail ??= { rendered: 0 });
  let source: EventSource | undefined;
  let generation = 0; // events of a replaced connection are ignored
  let pending: MessageItem[] = [];
  let heldCount = 0;
  let paused = false;
  let frame = 0;
  let lastDropped = 0;
  let scannedAtWarning: number | undefined;
  let plannedReconnect = false;

  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(flush);
  };

  function flush(): void {
    frame = 0;
    if (paused) {
      setHeld(heldCount);
      return;
    }
    if (pending.length === 0) return;
    const arrived = pending;
    pending = [];
    ring.push(arrived);
    counter.rendered += arrived.length;
    setVersion((v) => v + 1);
  }

  const unreadable = (what: string): TailProblem => ({ title: 'Unreadable event', detail: `A ${what} event was not valid JSON and was skipped.`, code: 'TAIL_BAD_EVENT', retryable: true });

  function receive(items: MessageItem[]): void {
    for (const item of items) pending.push(item);
    // Bounded even when frames do not run (a background tab): only the newest TAIL_CAPACITY can be shown anyway.
    if (pending.length > TAIL_CAPACITY * 2) pending.splice(0, pending.length - TAIL_CAPACITY);
    if (paused) heldCount += items.length;
    if (warning()) setWarning(undefined);
    schedule();
  }

  function onMessage(e: MessageEvent<unknown>): void {
    const item = parse<MessageItem>(e.data);
    if (!item) {
      setWarning(unreadable('message'));
      return;
    }
    receive([item]);
  }

  /** `messages`: several records in one event (the tail URL asks for batches). */
  function onMessages(e: MessageEvent<unknown>): void {
    const items = parse<unknown>(e.data);
    if (!Array.isArray(items)) {
      setWarning(unreadable('messages'));
      return;
    }
    receive(items as MessageItem[]);
  }

  function onStats(e: MessageEvent<unknown>): void {
    const s = parse<TailStats>(e.data);
    if (!s) return;
    // `dropped` counts from the start of each connection: a reconnect starts it again from 0.
    const d = s.dropped;
    const delta = d >= lastDropped ? d - lastDropped : d;
    lastDropped = d;
    batch(() => {
      setStats(s);
      if (delta > 0) setDropped((n) => n + delta);
      // Scanning again after a broker error means the stream recovered, even if the filter matches nothing.
      if (warning() && scannedAtWarning !== undefined && s.scanned > scannedAtWarning) setWarning(undefined);
    });
  }

  function connect(url: string): void {
    const gen = ++generation;
    const es = new EventSource(url);
    source = es;
    const live = <E extends Event>(fn: (e: E) => void) => (e: E) => {
      if (gen === generation) fn(e);
    };
    es.addEventListener('open', live(() => {
      plannedReconnect = false;
      if (warning()?.code === RECONNECTING.code) setWarning(undefined);
      setStatus(paused ? 'paused' : 'live');
    }));
    es.addEventListener('message', live(onMessage));
    es.addEventListener('messages', live(onMessages));
    es.addEventListener('stats', live(onStats));
    es.addEventListener('end', live((e: MessageEvent<unknown>) => {
      const end: TailEnd | UnreadableEnd = parse<TailEnd>(e.data) ?? { reason: 'unknown', detail: 'The server ended the live tail.' };
      // Planned end before the Lambda limit: EventSource reconnects with Last-Event-ID by itself.
      if (end.reason === 'timeout') {
        plannedReconnect = true;
        return;
      }
      halt();
      batch(() => {
        setEnded(end);
        setStatus('ended');
      });
    }));
    es.addEventListener('error', live((e: Event) => {
      // The server's own `error` events carry data; EventSource's transport errors do not.
      if (e instanceof MessageEvent && typeof e.data === 'string') {
        const p = parse<TailProblem>(e.data);
        scannedAtWarning = stats()?.scanned ?? 0;
        setWarning(p ?? { title: 'Live tail error', detail: String(e.data), code: 'TAIL_ERROR', retryable: true });
        return;
      }
      if (es.readyState === EventSource.CLOSED) {
        // The browser gave up (an HTTP error or a wrong content type): find out why.
        halt();
        setStatus('failed');
        // halt() closed this connection (a new generation): the reason belongs to that one, unless
        // another start() came meanwhile.
        const failed = generation;
        void explainTailFailure(url).then((p) => {
          if (failed === generation) setFailure(p);
        });
        return;
      }
      // CONNECTING: EventSource is reconnecting. Silent when the server asked for it.
      if (!plannedReconnect) {
        scannedAtWarning = undefined;
        setWarning(RECONNECTING);
      }
    }));
  }

  function close(): void {
    generation++;
    source?.close();
    source = undefined;
  }

  function start(cluster: string, topic: string, query: TailQuery): void {
    close();
    cancelAnimationFrame(frame);
    frame = 0;
    ring.clear();
    pending = [];
    heldCount = 0;
    paused = false;
    lastDropped = 0;
    plannedReconnect = false;
    batch(() => {
      setVersion((v) => v + 1);
      setStats(undefined);
      setDropped(0);
      setWarning(undefined);
      setFailure(undefined);
      setEnded(undefined);
      setHeld(0);
      setStatus('connecting');
    });
    connect(tailUrl(cluster, topic, query));
  }

  function pause(): void {
    if (status() !== 'live' && status() !== 'connecting') return;
    paused = true;
    heldCount = 0;
    setStatus('paused');
  }

  function resume(): void {
    if (!paused) return;
    paused = false;
    heldCount = 0;
    batch(() => {
      setHeld(0);
      setStatus(source ? 'live' : 'stopped');
    });
    schedule();
  }

  /** Closes the connection and shows what already arrived (also what was held while paused). */
  function halt(): void {
    close();
    paused = false;
    heldCount = 0;
    cancelAnimationFrame(frame);
    flush();
    batch(() => {
      setHeld(0);
      setWarning(undefined);
    });
  }

  function stop(): void {
    if (!source) return;
    halt();
    setStatus('stopped');
  }

  onCleanup(() => {
    close();
    cancelAnimationFrame(frame);
  });

  return {
    /** Bumps once per flushed frame: read it to re-render from `ring`. */
    version,
    ring,
    status,
    stats,
    dropped,
    warning,
    failure,
    ended,
    /** Messages received while paused, not yet shown. */
    held,
    start,
    pause,
    resume,
    stop,
  };
}
