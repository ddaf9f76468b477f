import { createSignal, For, Show } from 'solid-js';
import { addPartitions, patchConfigs, type TopicConfig } from '../../api/topics';
import { ConfigRows, rowsToMap, type ConfigRow } from './ConfigRows';
import { InputField } from '../../ui/Field';
import { Dialog } from '../../ui/Dialog';
import { invalid } from '../../ui/problem';
import { configValue } from './TopicConfigs';
import { useAction } from '../../ui/useAction';
import './topics.css';

interface Common {
  cluster: string;
  topic: string;
  onClose: () => void;
}

export function AddPartitionsDialog(props: Common & { current: number; onDone: (count: number) => void }) {
  const [count, setCount] = createSignal(String(props.current + 1));
  const action = useAction((n: number) => addPartitions(props.cluster, props.topic, n));

  const submit = async () => {
    const n = Number(count());
    if (!Number.isInteger(n) || n <= props.current) {
      action.setError(invalid(`The new partition count must be a whole number greater than ${props.current}.`));
      return;
    }
    if (await action.run(n)) props.onDone(n);
  };

  return (
    <Dialog
      title="Add partitions"
      submitLabel="Add partitions"
      onClose={props.onClose}
      onSubmit={submit}
      busy={action.busy()}
      error={action.error()}
    >
      <p class="muted">
        Partitions can only be added, never removed. Keys hash to different partitions afterwards, so per-key
        ordering is broken for keyed producers.
      </p>
      <InputField
        label="New partition count"
        hint={`Currently ${props.current}. The new total must be greater.`}
        type="number"
        min={props.current + 1}
        step="1"
        value={count()}
        onValue={setCount}
      />
    </Dialog>
  );
}

export function EditConfigsDialog(
  props: Common & { configs: TopicConfig[]; onSaved: (configs: TopicConfig[]) => void; initialName?: string | undefined },
) {
  const effective = (name: string) => {
    const c = props.configs.find((x) => x.name === name);
    // A secret is never put into a field (the server does not send it anyway).
    return c && !c.sensitive && c.value !== null ? c.value : undefined;
  };
  const first = props.initialName;
  const [rows, setRows] = createSignal<ConfigRow[]>([{ name: first ?? '', value: first ? (effective(first) ?? '') : '' }]);
  const [toDelete, setToDelete] = createSignal<string[]>([]);
  const action = useAction((set: Record<string, string>, del: string[]) =>
    patchConfigs(props.cluster, props.topic, { set, delete: del }),
  );
  // Only topic-level overrides can be deleted; broker defaults are not this topic's to remove.
  const overrides = () => props.configs.filter((c) => !c.isDefault).sort((a, b) => a.name.localeCompare(b.name));
  const toggle = (name: string, on: boolean) =>
    setToDelete((d) => (on ? [...d, name] : d.filter((n) => n !== name)));

  const submit = async () => {
    const set = rowsToMap(rows());
    const del = toDelete();
    if (Object.keys(set).length === 0 && del.length === 0) {
      action.setError(invalid('Nothing to change: set a value or tick an override to delete.'));
      return;
    }
    const both = del.filter((n) => n in set);
    if (both.length > 0) {
      action.setError(invalid(`${both.join(', ')}: cannot be set and deleted in the same change.`));
      return;
    }
    const res = await action.run(set, del);
    if (res) props.onSaved(res.value.configs);
  };

  return (
    <Dialog
      title="Edit configs"
      submitLabel="Save configs"
      onClose={props.onClose}
      onSubmit={submit}
      busy={action.busy()}
      error={action.error()}
      wide
    >
      <fieldset class="fieldset">
        <legend>Set</legend>
        <ConfigRows
          rows={rows()}
          onChange={setRows}
          suggestions={props.configs.map((c) => ({ name: c.name, hint: `current: ${configValue(c)}` }))}
          current={effective}
        />
      </fieldset>
      <fieldset class="fieldset">
        <legend>Delete overrides (back to the default)</legend>
        <Show when={overrides().length > 0} fallback={<p class="muted small">This topic has no overrides.</p>}>
          <ul class="check-list">
            <For each={overrides()}>
              {(c) => (
                <li>
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={toDelete().includes(c.name)}
                      onChange={(e) => toggle(c.name, e.currentTarget.checked)}
                    />
                    <span class="mono">{c.name}</span>
                    <span class="muted mono small">= {configValue(c)}</span>
                  </label>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </fieldset>
    </Dialog>
  );
}
