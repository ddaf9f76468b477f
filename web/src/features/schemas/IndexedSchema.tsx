import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { toProblem } from '../../api/http';
import { getSchemaOwner, schemaHref } from '../../api/schemas';
import './schemas.css';

interface Props {
  cluster: string;
  label: 'Key' | 'Value';
  /** The indexed `…SchemaId`: a Confluent schema id or a Glue schema version UUID. */
  id: string;
  type: string | undefined;
  error: string | undefined;
}

/**
 * The schema an indexed record was decoded with: the index keeps its id and type; the subject and
 * version are asked of the registry, and link to the schema page.
 */
export function IndexedSchema(props: Props) {
  const [owner] = createResource(() => ({ cluster: props.cluster, id: props.id }), (k) => getSchemaOwner(k.cluster, k.id));
  const isUuid = () => props.id.includes('-');
  return (
    <p class="msg-schema small" data-testid={`${props.label.toLowerCase()}-schema`}>
      <b>{props.label} schema</b> <Show when={props.type}>{(t) => <span class="tag">{t()}</span>}</Show>{' '}
      <span class="mono">{isUuid() ? `version ${props.id}` : `id ${props.id}`}</span>
      <Show when={!owner.error && owner()}>
        {(o) => (
          <>
            {' · '}
            <A href={schemaHref(props.cluster, o().subject, o().version)} class="mono">
              {o().subject} v{o().version}
            </A>
          </>
        )}
      </Show>
      <Show when={owner.error as unknown}>{(e) => <span class="muted"> · subject unknown: {toProblem(e()).detail}</span>}</Show>
      <Show when={props.error}>{(reason) => <span class="warn-note"> not decoded: {reason()}</span>}</Show>
    </p>
  );
}
