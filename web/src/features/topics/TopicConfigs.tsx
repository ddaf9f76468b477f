import { createMemo, createSignal, For, Show } from 'solid-js';
import type { TopicConfig } from '../../api/topics';
import { Panel } from '../../ui/Panel';
import { EmptyRow, TableHead } from '../../ui/Table';
import { configUnit, humanConfigValue } from './configUnits';
import './topics.css';

/** Secrets never reach the screen, even if the server were to send them. */
export const configValue = (c: TopicConfig): string => (c.sensitive ? '•••' : (c.value ?? '—'));

/** `onEdit` (admins): an Edit button per changeable config opens the editor on it, its value in force filled in. */
export function TopicConfigs(props: { configs: TopicConfig[]; onEdit?: (name: string) => void }) {
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
    <Panel
      title={
        <>
          Configs <span class="muted small">{overridden()} overridden</span>
        </>
      }
      tools={
        <>
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
        </>
      }
    >
      <div class="configs-scroll">
        <table class="table sticky-head configs-table">
          <TableHead columns={[{ label: 'Name' }, { label: 'Value' }, { label: 'Source' }]} />
          <tbody>
            <For each={shown()}>
              {(c) => (
                <tr data-config={c.name} classList={{ overridden: !c.isDefault }}>
                  <td class="mono config-name">
                    {c.name}
                    <Show when={props.onEdit && !c.readOnly && !c.sensitive}>
                      <button
                        type="button"
                        class="btn btn-small config-edit"
                        aria-label={`Edit ${c.name}`}
                        onClick={() => props.onEdit?.(c.name)}
                      >
                        Edit
                      </button>
                    </Show>
                  </td>
                  <td class="mono config-value" title={c.sensitive ? 'Sensitive value hidden' : (c.value ?? '')}>
                    {configValue(c)}
                    <Show when={!c.sensitive && configUnit(c.name)}>
                      {(unit) => <span class="muted config-unit"> {unit()}</span>}
                    </Show>
                    <Show when={!c.sensitive && humanConfigValue(c.name, c.value)}>
                      {(human) => <span class="config-human"> · {human()}</span>}
                    </Show>
                  </td>
                  <td class="small">
                    <span class="source">{c.source}</span>
                  </td>
                </tr>
              )}
            </For>
            <EmptyRow when={shown().length === 0} columns={3}>
              {onlyOverridden() ? 'No overridden configs: every value is a default.' : 'No configs match.'}
            </EmptyRow>
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
