import { createUniqueId, For, Index, Show } from 'solid-js';
import { configUnit, humanConfigValue } from './configUnits';
import './topics.css';

export interface ConfigRow {
  name: string;
  value: string;
}

interface Props {
  rows: ConfigRow[];
  onChange: (rows: ConfigRow[]) => void;
  /** Known config names offered as suggestions (with current values as hints). */
  suggestions?: { name: string; hint?: string }[];
  /**
   * The current effective value of a config (the topic's, when editing one): typing a known name
   * fills it in, so a change starts from what is in force rather than from a blank.
   */
  current?: (name: string) => string | undefined;
}

/** Rows with a name filled in become a { name: value } map; blank rows are ignored. */
export function rowsToMap(rows: ConfigRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) if (r.name.trim()) out[r.name.trim()] = r.value;
  return out;
}

/** Key/value editor; each input carries its own label so a screen reader (or a test) can tell rows apart. */
export function ConfigRows(props: Props) {
  const listId = createUniqueId();
  const update = (i: number, patch: Partial<ConfigRow>) =>
    props.onChange(props.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  // A value the user has not typed over yet is still the prefilled one, and follows the name.
  const prefilled = new Map<number, string>();
  const rename = (i: number, row: ConfigRow, name: string) => {
    const untouched = row.value === '' || row.value === prefilled.get(i);
    const current = props.current?.(name.trim());
    if (untouched && current !== undefined) {
      prefilled.set(i, current);
      update(i, { name, value: current });
    } else update(i, { name });
  };
  const hint = (row: ConfigRow) => {
    const name = row.name.trim();
    const unit = configUnit(name);
    if (!unit) return undefined;
    const human = humanConfigValue(name, row.value);
    const current = props.current?.(name);
    const now = current !== undefined && current !== row.value ? ` · in force now: ${current} (${humanConfigValue(name, current) ?? current})` : '';
    return `${unit === 'ms' ? 'milliseconds' : 'bytes'}${human ? ` = ${human}` : ''}${now}`;
  };

  return (
    <div class="kv">
      <datalist id={listId}>
        <For each={props.suggestions ?? []}>{(s) => <option value={s.name}>{s.hint}</option>}</For>
      </datalist>
      <Index each={props.rows}>
        {(row, i) => (
          <div class="kv-row">
            <input
              type="text"
              class="mono"
              aria-label={`Config name ${i + 1}`}
              placeholder="retention.ms"
              list={listId}
              spellcheck={false}
              value={row().name}
              onInput={(e) => rename(i, row(), e.currentTarget.value)}
            />
            <input
              type="text"
              class="mono"
              aria-label={`Config value ${i + 1}`}
              placeholder="value"
              spellcheck={false}
              value={row().value}
              onInput={(e) => update(i, { value: e.currentTarget.value })}
            />
            <button
              type="button"
              class="btn btn-small"
              aria-label={`Remove config row ${i + 1}`}
              title="Remove this row"
              onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}
            >
              ✕
            </button>
            <Show when={hint(row())}>
              {(h) => (
                <small class="kv-hint muted" data-testid={`config-hint-${i + 1}`}>
                  {h()}
                </small>
              )}
            </Show>
          </div>
        )}
      </Index>
      <div>
        <button type="button" class="btn btn-small" onClick={() => props.onChange([...props.rows, { name: '', value: '' }])}>
          + Add config
        </button>
      </div>
    </div>
  );
}
