import { createSignal } from 'solid-js';
import { createTopic } from '../../api/topics';
import { ConfigRows, rowsToMap, type ConfigRow } from './ConfigRows';
import { InputField } from '../../ui/Field';
import { Dialog } from '../../ui/Dialog';
import { invalid } from '../../ui/problem';
import { useAction } from '../../ui/useAction';

interface Props {
  cluster: string;
  onClose: () => void;
  onCreated: (name: string) => void;
}

const COMMON_CONFIGS = [
  { name: 'retention.ms', hint: 'how long records are kept' },
  { name: 'retention.bytes', hint: 'size cap per partition' },
  { name: 'cleanup.policy', hint: 'delete or compact' },
  { name: 'min.insync.replicas', hint: 'for acks=all' },
  { name: 'max.message.bytes', hint: 'largest record batch' },
  { name: 'segment.ms', hint: 'segment roll time' },
  { name: 'compression.type', hint: 'producer, zstd, lz4…' },
];

export function CreateTopicDialog(props: Props) {
  const [name, setName] = createSignal('');
  const [partitions, setPartitions] = createSignal('3');
  const [rf, setRf] = createSignal('1');
  const [rows, setRows] = createSignal<ConfigRow[]>([]);
  const action = useAction((input: Parameters<typeof createTopic>[1]) => createTopic(props.cluster, input));

  const submit = async () => {
    const p = Number(partitions());
    const r = Number(rf());
    // The server validates too (and its message wins); these only catch the obvious before a round trip.
    const problem = !name().trim()
      ? 'A topic name is required.'
      : !Number.isInteger(p) || p < 1
        ? 'Partitions must be a whole number of at least 1.'
        : !Number.isInteger(r) || r < 1
          ? 'Replication factor must be a whole number of at least 1.'
          : undefined;
    if (problem) {
      action.setError(invalid(problem));
      return;
    }
    const topic = name().trim();
    const res = await action.run({ name: topic, partitions: p, replicationFactor: r, configs: rowsToMap(rows()) });
    if (res) props.onCreated(topic);
  };

  return (
    <Dialog
      title="Create topic"
      submitLabel="Create topic"
      onClose={props.onClose}
      onSubmit={submit}
      busy={action.busy()}
      error={action.error()}
      wide
    >
      <InputField
        label="Topic name"
        hint="Letters, digits, “.”, “_” and “-”; at most 249 characters."
        type="text"
        inputClass="mono"
        autocomplete="off"
        spellcheck={false}
        maxLength={249}
        placeholder="orders.v1"
        value={name()}
        onValue={setName}
      />
      <div class="field-row">
        <InputField label="Partitions" type="number" min="1" step="1" value={partitions()} onValue={setPartitions} />
        <InputField label="Replication factor" type="number" min="1" step="1" value={rf()} onValue={setRf} />
      </div>
      <fieldset class="fieldset">
        <legend>Configs (optional)</legend>
        <ConfigRows rows={rows()} onChange={setRows} suggestions={COMMON_CONFIGS} />
      </fieldset>
    </Dialog>
  );
}
