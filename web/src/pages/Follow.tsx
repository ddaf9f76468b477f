import { useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { getFollow } from '../api/search';
import { FollowTimeline } from '../features/follow/FollowTimeline';
import { PRESETS, resolveRange } from '../features/search/timeRange';
import { ErrorBox } from '../ui/ErrorBox';
import { PageHeader } from '../ui/PageHeader';
import '../features/follow/follow.css';

type Params = { key?: string; field?: string; value?: string; range?: string };

/** Follow one key (or a field's value) across every indexed topic; the URL holds what is followed. */
export function Follow() {
  const params = useParams<{ cluster: string }>();
  const [search, setSearch] = useSearchParams<Params>();
  const field = () => (search.key !== undefined ? 'key' : (search.field ?? 'key'));
  const value = () => search.key ?? search.value ?? '';
  const rangeId = () => (PRESETS.some((p) => p.id === search.range) ? (search.range as string) : '7d');

  const [draftField, setDraftField] = createSignal(field());
  const [draftValue, setDraftValue] = createSignal(value());
  createEffect(on([field, value], ([f, v]) => (setDraftField(f), setDraftValue(v)), { defer: true }));

  const [timeline, { refetch }] = createResource(
    () => (value() ? { cluster: params.cluster, field: field(), value: value(), range: rangeId() } : undefined),
    (k) => {
      const { start, end } = resolveRange({ kind: 'preset', id: k.range });
      const target = k.field === 'key' ? { key: k.value } : { field: k.field, value: k.value };
      return getFollow(k.cluster, { ...target, start, end });
    },
  );
  const shown = () => (timeline.error ? undefined : timeline.latest);

  const follow = (e: SubmitEvent) => {
    e.preventDefault();
    const f = draftField().trim() || 'key';
    const target = f === 'key' ? { key: draftValue(), field: undefined, value: undefined } : { key: undefined, field: f, value: draftValue() };
    setSearch({ ...target, range: rangeId() });
  };

  return (
    <section class="page page-wide">
      <PageHeader title="Follow">
        <span class="page-sub">
          <Show when={value()} fallback="one key or field value across every indexed topic, in time order">
            <span class="mono">
              {field()} = {value()}
            </span>{' '}
            across every indexed topic, in time order
          </Show>
        </span>
      </PageHeader>
      <form class="follow-form" onSubmit={follow}>
        <label>
          Field
          <input class="mono" value={draftField()} onInput={(e) => setDraftField(e.currentTarget.value)} spellcheck={false} autocomplete="off" />
        </label>
        <label>
          Value
          <input class="mono" size={40} value={draftValue()} onInput={(e) => setDraftValue(e.currentTarget.value)} spellcheck={false} autocomplete="off" />
        </label>
        <label>
          Time range
          <select value={rangeId()} onChange={(e) => setSearch({ range: e.currentTarget.value })}>
            <For each={PRESETS}>{(p) => <option value={p.id}>{p.label}</option>}</For>
          </select>
        </label>
        <button type="submit" class="btn btn-primary" disabled={!draftValue()}>
          Follow
        </button>
      </form>
      <Show when={timeline.error as unknown}>{(e) => <ErrorBox error={e()} onRetry={() => void refetch()} />}</Show>
      <Show when={timeline.loading}>
        <p class="muted">Following…</p>
      </Show>
      <Show when={shown()}>{(t) => <FollowTimeline cluster={params.cluster} timeline={t()} />}</Show>
    </section>
  );
}
