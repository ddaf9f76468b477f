import { A, useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { SchemaInfo } from '../../api/schemas';
import { schemaHref } from '../../api/schemas';
import { TYPE_LABEL } from './schemaText';
import './schemas.css';

interface Part {
  label: 'Key' | 'Value';
  info?: SchemaInfo | undefined;
  error?: string | undefined;
}

/**
 * The schemas a record's key and value were decoded with (subject, version, id or Glue version
 * UUID, type) linked to the schema page, or why a registry-framed payload is shown raw.
 */
export function MessageSchemas(props: { parts: Part[] }) {
  const params = useParams<{ cluster: string }>();
  const shown = () => props.parts.filter((p) => p.info ?? p.error);
  return (
    <Show when={shown().length > 0}>
      <div class="msg-schemas" aria-label="Schemas" role="group">
        <For each={shown()}>
          {(p) => (
            <Show
              when={p.info}
              fallback={
                <p class="warn-note small" data-testid={`${p.label.toLowerCase()}-schema-error`}>
                  {p.label} not decoded: {p.error}
                </p>
              }
            >
              {(info) => (
                <p class="msg-schema small" data-testid={`${p.label.toLowerCase()}-schema`}>
                  <b>{p.label} schema</b> <span class="tag">{TYPE_LABEL[info().type]}</span>{' '}
                  <Show when={info().subject} fallback={<span class="muted">subject unknown</span>}>
                    {(subject) => (
                      <A href={schemaHref(params.cluster, subject(), info().version)} class="mono">
                        {subject()}
                        {info().version !== undefined ? ` v${info().version}` : ''}
                      </A>
                    )}
                  </Show>
                  <span class="muted mono">
                    {' · '}
                    {info().id !== undefined ? `id ${info().id}` : `version ${info().versionId ?? '?'}`}
                  </span>
                  <Show when={info().name}>{(name) => <span class="muted mono"> · {name()}</span>}</Show>
                </p>
              )}
            </Show>
          )}
        </For>
      </div>
    </Show>
  );
}
