import { useParams, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, Show } from 'solid-js';
import { listSubjects } from '../api/schemas';
import { SubjectList } from '../features/schemas/SubjectList';
import { SubjectView } from '../features/schemas/SubjectView';
import { ErrorBox } from '../ui/ErrorBox';
import { fmtInt } from '../ui/format';
import { PageHeader, RefreshButton } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import '../features/schemas/schemas.css';

type Params = { subject?: string; version?: string; q?: string };

/** The cluster's schema registry: subjects (filtered here; the list comes whole), a subject's versions and texts. */
export function Schemas() {
  const params = useParams<{ cluster: string }>();
  const [search, setSearch] = useSearchParams<Params>();
  const [overview, { refetch }] = createResource(() => params.cluster, (c) => listSubjects(c));
  const q = () => search.q ?? '';
  const all = () => (overview.error ? [] : (overview.latest?.subjects ?? []));
  const shown = createMemo(() => {
    const needle = q().trim().toLowerCase();
    return needle ? all().filter((s) => s.subject.toLowerCase().includes(needle) || s.usedBy.some((u) => u.topic.toLowerCase().includes(needle))) : all();
  });
  const version = () => (search.version && /^\d+$/.test(search.version) ? Number(search.version) : undefined);

  return (
    <section class="page page-fill page-wide">
      <PageHeader title="Schemas" actions={<RefreshButton busy={overview.loading} onClick={() => void refetch()} />}>
        <Show when={!overview.error && overview.latest}>
          {(o) => (
            <span class="page-sub" data-testid="schemas-summary">
              {o().registry === 'glue' ? 'AWS Glue' : 'Confluent-compatible'} registry · {fmtInt(o().subjects.length)} subjects · naming{' '}
              {o().subjectNameStrategy} · global compatibility {o().compatibility}
            </span>
          )}
        </Show>
      </PageHeader>

      <Show when={overview.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetch()} />}</Show>

      <div class="schema-layout">
        <Panel
          title="Subjects"
          class="schema-subjects"
          tools={
            <input
              type="search"
              class="search-input"
              aria-label="Filter subjects"
              placeholder="Filter by subject or topic…"
              autocomplete="off"
              value={q()}
              onInput={(e) => setSearch({ q: e.currentTarget.value || undefined }, { replace: true })}
            />
          }
        >
          <SubjectList
            cluster={params.cluster}
            subjects={shown()}
            selected={search.subject}
            filter={q()}
            empty={overview.loading ? 'Loading subjects…' : q() ? `No subjects match “${q()}”.` : 'The registry has no subjects.'}
          />
        </Panel>
        <Show when={search.subject} fallback={<p class="muted">Choose a subject to see its versions and schema.</p>}>
          {(subject) => <SubjectView cluster={params.cluster} subject={subject()} version={version()} />}
        </Show>
      </div>
    </section>
  );
}
