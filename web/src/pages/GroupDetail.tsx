import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { getGroup } from '../api/groups';
import { ErrorBox } from '../ui/ErrorBox';
import { decodeParam, fmtInt } from '../ui/format';
import { GroupStateBadge, GroupTypeBadge } from '../features/groups/GroupBadges';
import { GroupMembers } from '../features/groups/GroupMembers';
import { GroupOffsets } from '../features/groups/GroupOffsets';
import { OffsetReset } from '../features/groups/OffsetReset';
import { sectionHref } from '../app/sections';
import { useHasRole } from '../app/SessionContext';

export function GroupDetail() {
  const params = useParams<{ cluster: string; group: string }>();
  const groupId = () => decodeParam(params.group);
  const canReset = useHasRole('operator');
  const [notice, setNotice] = createSignal<string>();
  const [detail, { refetch }] = createResource(
    () => ({ c: params.cluster, g: groupId() }),
    (k) => getGroup(k.c, k.g),
  );
  const group = () => (detail.error ? undefined : detail.latest);
  const totalLag = () => group()?.offsets.reduce((s, o) => s + (o.lag ?? 0), 0) ?? 0;

  return (
    <section class="page">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <A href={sectionHref(params.cluster, 'groups')}>Consumer groups</A>
        <span aria-hidden="true"> / </span>
      </nav>
      <header class="page-head">
        <h1 class="mono-title">{groupId()}</h1>
        <Show when={group()}>
          {(g) => (
            <span class="page-sub head-badges" data-testid="group-summary">
              <GroupTypeBadge type={g().type} />
              <GroupStateBadge state={g().state} />
              <span>
                {fmtInt(g().members.length)} members · lag {fmtInt(totalLag())}
              </span>
            </span>
          )}
        </Show>
        <div class="page-actions">
          <button type="button" class="btn" disabled={detail.loading} onClick={() => void refetch()}>
            Refresh
          </button>
        </div>
      </header>

      <Show when={notice()}>
        {(n) => (
          <div class="notice" role="status">
            <span>{n()}</span>
            <button type="button" class="btn btn-small" onClick={() => setNotice(undefined)}>
              Dismiss
            </button>
          </div>
        )}
      </Show>
      <Show when={detail.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetch()} />}</Show>
      <Show when={group()} fallback={<Show when={!detail.error}><p class="muted">Loading group…</p></Show>}>
        {(g) => (
          <>
            <For each={g().warnings}>
              {(w) => (
                <p class="warn-note" role="note">
                  {w}
                </p>
              )}
            </For>
            <GroupMembers members={g().members} />
            <GroupOffsets cluster={params.cluster} offsets={g().offsets} />
            <Show
              when={canReset()}
              fallback={<p class="muted small">Resetting offsets needs the operator role.</p>}
            >
              <OffsetReset
                cluster={params.cluster}
                group={g()}
                onApplied={(m) => {
                  setNotice(m);
                  void refetch();
                }}
              />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
