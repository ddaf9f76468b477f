import { createMemo, createSignal, For, Show } from 'solid-js';
import type { TopicConfig } from '../../api/topics';

/** Secrets never reach the screen, even if the server were to send them. */
export const configValue = (c: TopicConfig): string => (c.sensitive ? '•••' : (c.value ?? '—'));

export function TopicConfigs(props: { configs: TopicConfig[] }) {
  const [onlyOverridden, setOnlyOverridden] = createSignal(false);
  const [filter, setFilter] = createSignal('');
  const overridden = () => props.configs.filter((c) => !c.isDefault).length;
  const shown = createMemo(() => {
    const q = filter().trim().toLowerCase();
    return [...props.configs]
      .filter((c) => (!onlyOverridden() || !c.isDefault) && (!q || c.name.toLowerCase().includes(q)))
      .sort((a, b) => a.name.localeCompare(b.name));
  });

  return (
    <div class="panel">
      <div class="panel-head">
        <h2>
          Configs <span class="muted small">{overridden()} overridden</span>
        </h2>
        <div class="panel-tools">
          <label for="config-filter" class="visually-hidden">
            Filter configs
          </label>
          <input
            id="config-filter"
            type="search"
            placeholder="Filter configs…"
            value={filter()}
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
          <label class="check small">
            <input
              type="checkbox"
              checked={onlyOverridden()}
              onChange={(e) => setOnlyOverridden(e.currentTarget.checked)}
            />
            Only overridden
          </label>
        </div>
      </div>
      <div class="configs-scroll">
        <table class="table configs-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>
              {(c) => (
                <tr data-config={c.name} classList={{ overridden: !c.isDefault }}>
                  <td class="mono">{c.name}</td>
                  <td class="mono config-value" title={c.sensitive ? 'Sensitive value hidden' : (c.value ?? '')}>
                    {configValue(c)}
                  </td>
                  <td class="small">
                    <span class="source">{c.source}</span>
                  </td>
                </tr>
              )}
            </For>
            <Show when={shown().length === 0}>
              <tr>
                <td colSpan={3} class="empty">
                  {onlyOverridden() ? 'No overridden configs: every value is a default.' : 'No configs match.'}
                </td>
              </tr>
            </Show>
          </tbody>
        </table>
      </div>
    </div>
  );
}
