import { A, useParams } from '@solidjs/router';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { followHref } from '../follow/links';
import type { MessageItem } from '../../api/messages';
import { ErrorBox } from '../../ui/ErrorBox';
import { MessageSchemas } from '../schemas/MessageSchemas';
import { fmtBytes, fmtInt, fmtOffset } from '../../ui/format';
import { TableHead } from '../../ui/Table';
import { fmtTimestamp } from './decode';
import { ValueView } from './ValueView';
import './messages.css';

interface Props {
  message: MessageItem;
  onClose: () => void;
}

/** Everything about one record: pretty value, key, headers, sizes, and a copy button. */
export function MessageDetail(props: Props) {
  const params = useParams<{ cluster: string }>();
  const [copied, setCopied] = createSignal(false);
  const [copyError, setCopyError] = createSignal<unknown>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  // A different record: forget the previous copy outcome.
  createEffect(
    on(
      () => props.message,
      () => {
        setCopied(false);
        setCopyError(undefined);
      },
      { defer: true },
    ),
  );

  const copy = async () => {
    setCopyError(undefined);
    try {
      // The value exactly as received (JSON text, UTF-8 text or base64), not the pretty view.
      await navigator.clipboard.writeText(props.message.value ?? '');
      setCopied(true);
      clearTimeout(timer);
      timer = setTimeout(() => setCopied(false), 2000);
    } catch (e) {
      setCopyError(e);
    }
  };

  const m = () => props.message;

  return (
    <section class="panel msg-detail" role="region" aria-label="Message detail">
      <div class="panel-head">
        <h2 class="mono">
          Partition {m().partition} · offset {fmtOffset(m().offset)}
        </h2>
        <div class="panel-tools">
          <span role="status" class="muted small">
            {copied() ? 'Copied' : ''}
          </span>
          <button type="button" class="btn btn-small" disabled={m().value === null} onClick={() => void copy()}>
            Copy value
          </button>
          <Show when={m().key}>
            {(key) => (
              <A class="btn btn-small" href={followHref(params.cluster, { key: key() })} title="Every indexed record with this key, across topics">
                Follow this key
              </A>
            )}
          </Show>
          <button type="button" class="btn btn-small" aria-label="Close message detail" onClick={() => props.onClose()}>
            ×
          </button>
        </div>
      </div>
      <div class="msg-detail-body">
        <Show when={copyError()}>{(e) => <ErrorBox error={e()} />}</Show>
        <dl class="msg-meta">
          <dt>Timestamp</dt>
          <dd class="mono">{fmtTimestamp(m().timestamp)}</dd>
          <dt>Value size</dt>
          <dd data-testid="value-size">
            {fmtInt(m().size)} bytes <span class="muted">({fmtBytes(m().size)})</span>
          </dd>
          <dt>Key size</dt>
          <dd>{fmtInt(m().keySize)} bytes</dd>
        </dl>
        <Show when={m().truncated}>
          <p class="warn-note" data-testid="value-truncated">
            Value truncated — {fmtInt(m().size)} bytes in total; only the first part is shown.
          </p>
        </Show>
        <MessageSchemas
          parts={[
            { label: 'Value', info: m().valueSchema, error: m().valueSchemaError },
            { label: 'Key', info: m().keySchema, error: m().keySchemaError },
          ]}
        />
        <ValueView label="Value" text={m().value} encoding={m().valueEncoding} />
        <ValueView label="Key" text={m().key} encoding={m().keyEncoding} />
        <div class="msg-headers">
          <h3>Headers ({m().headers.length})</h3>
          <Show when={m().headers.length > 0} fallback={<p class="muted small">No headers.</p>}>
            <table class="table msg-headers-table" aria-label="Headers">
              <TableHead columns={[{ label: 'Key' }, { label: 'Value' }]} />
              <tbody>
                <For each={m().headers}>
                  {(h) => (
                    <tr data-header={h.key}>
                      <td class="mono">{h.key}</td>
                      <td class="mono" classList={{ muted: h.value === null }}>
                        {h.value ?? 'null'}
                        <Show when={h.encoding === 'base64'}>
                          <span class="tag">base64</span>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </div>
      </div>
    </section>
  );
}
