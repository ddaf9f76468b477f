import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { getGroup } from '../api/groups';
import { sectionHref } from '../app/sections';
import { useHasRole } from '../app/SessionContext';
import { GroupHeadline } from '../features/groups/GroupHeadline';
import { GroupMembers } from '../features/groups/GroupMembers';
import { GroupOffsets } from '../features/groups/GroupOffsets';
import { OffsetReset } from '../features/groups/OffsetReset';
import { decodeParam } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { Notice } from '../ui/Notice';
import { PageHeader, RefreshButton } from '../ui/PageHeader';

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

  return (
    <section class="page">
      <PageHeader
        title={groupId()}
        mono
        back={{ href: sectionHref(params.cluster, 'groups'), label: 'Consumer groups' }}
        actions={<RefreshButton busy={detail.loading} onClick={() => void refetch()} />}
      >
        <Show when={group()}>{(g) => <GroupHeadline group={g()} />}</Show>
      </PageHeader>

      <Notice message={notice()} onDismiss={() => setNotice(undefined)} />
      <Loaded resource={detail} loading="Loading group…" onRetry={() => void refetch()}>
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
      </Loaded>
    </section>
  );
}
