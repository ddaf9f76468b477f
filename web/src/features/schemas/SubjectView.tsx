import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { getSchemaVersion, getSubject, schemaHref } from '../../api/schemas';
import { sectionHref } from '../../app/sections';
import { Loaded } from '../../ui/Loaded';
import { Panel } from '../../ui/Panel';
import { prettySchema, TYPE_LABEL } from './schemaText';
import { useLabel } from './SubjectList';

interface Props {
  cluster: string;
  subject: string;
  /** A version number; undefined is the latest. */
  version: number | undefined;
}

/** One subject: its versions, compatibility level and users, and the chosen version's schema text. */
export function SubjectView(props: Props) {
  const [subject, { refetch }] = createResource(() => ({ cluster: props.cluster, subject: props.subject }), (k) => getSubject(k.cluster, k.subject));
  const [version, { refetch: refetchVersion }] = createResource(
    () => ({ cluster: props.cluster, subject: props.subject, version: props.version ?? ('latest' as const) }),
    (k) => getSchemaVersion(k.cluster, k.subject, k.version),
  );
  const messagesHref = (topic: string) => `${sectionHref(props.cluster, 'messages')}?${new URLSearchParams({ topic }).toString()}`;

  return (
    <Panel title={props.subject} titleClass="mono" label="Subject" class="schema-detail">
      <div class="schema-detail-body">
        <Loaded resource={subject} loading="Loading the subject…" onRetry={() => void refetch()}>
          {(s) => (
            <>
              <div class="schema-versions" role="group" aria-label="Versions">
                <For each={s().versions}>
                  {(v) => {
                    const current = () => (props.version ?? s().latest.version) === v;
                    return (
                      <A
                        href={schemaHref(props.cluster, props.subject, v)}
                        class="btn btn-small"
                        classList={{ 'btn-primary': current() }}
                        aria-current={current() ? 'true' : undefined}
                      >
                        v{v}
                      </A>
                    );
                  }}
                </For>
              </div>
              <dl class="schema-meta">
                <dt>Compatibility</dt>
                <dd data-testid="subject-compatibility">{s().compatibility}</dd>
                <dt>Used by</dt>
                <dd>
                  <Show when={s().usedBy.length > 0} fallback={<span class="muted">No topic known to use it</span>}>
                    <ul class="schema-uses" aria-label="Used by">
                      <For each={s().usedBy}>
                        {(u) => (
                          <li>
                            <A href={messagesHref(u.topic)} class="mono">
                              {useLabel(u)}
                            </A>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </dd>
              </dl>
            </>
          )}
        </Loaded>
        <Loaded resource={version} loading="Loading the schema…" onRetry={() => void refetchVersion()}>
          {(v) => (
            <>
              <dl class="schema-meta" aria-label="Version">
                <dt>Version</dt>
                <dd data-testid="schema-version">{v().version}</dd>
                <dt>Type</dt>
                <dd data-testid="schema-type">{TYPE_LABEL[v().type]}</dd>
                <dt>{v().id !== undefined ? 'Schema id' : 'Version id'}</dt>
                <dd class="mono" data-testid="schema-id">
                  {v().id ?? v().versionId}
                </dd>
                <Show when={v().references.length > 0}>
                  <dt>References</dt>
                  <dd class="mono">
                    <For each={v().references}>
                      {(r) => (
                        <A href={schemaHref(props.cluster, r.subject, r.version)}>
                          {r.name} → {r.subject} v{r.version}{' '}
                        </A>
                      )}
                    </For>
                  </dd>
                </Show>
              </dl>
              <pre class="schema-text mono" aria-label="Schema text">
                {prettySchema(v().schema, v().type)}
              </pre>
            </>
          )}
        </Loaded>
      </div>
    </Panel>
  );
}
