import { createSignal, Show } from 'solid-js';
import { deleteTopic, purgeTopic, type PurgeResult } from '../../api/topics';
import { Field } from '../../ui/Field';
import { fmtPartitionList, parsePartitionList } from '../../ui/format';
import { Dialog } from '../../ui/Dialog';
import { invalid } from '../../ui/problem';
import { useAction } from '../../ui/useAction';

interface Common {
  cluster: string;
  topic: string;
  onClose: () => void;
}

/** Typing the name is the safeguard; the server checks the same string again. */
function ConfirmName(props: { topic: string; value: string; onInput: (v: string) => void }) {
  return (
    <Field label="Type the topic name to confirm">
      {(f) => (
        <input
          id={f.id}
          type="text"
          class="mono"
          autocomplete="off"
          spellcheck={false}
          placeholder={props.topic}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

export function PurgeDialog(props: Common & { partitions: number[]; onDone: (r: PurgeResult) => void }) {
  const [scope, setScope] = createSignal<'all' | 'some'>('all');
  const [list, setList] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const action = useAction((ps: number[] | undefined) => purgeTopic(props.cluster, props.topic, confirm(), ps));

  const submit = async () => {
    let ps: number[] | undefined;
    if (scope() === 'some') {
      try {
        ps = parsePartitionList(list());
      } catch (err) {
        action.setError(invalid(err instanceof Error ? err.message : String(err)));
        return;
      }
      const unknown = ps.filter((p) => !props.partitions.includes(p));
      const problem =
        ps.length === 0
          ? 'Name at least one partition to purge.'
          : unknown.length > 0
            ? `No such partition: ${fmtPartitionList(unknown)}.`
            : undefined;
      if (problem) {
        action.setError(invalid(problem));
        return;
      }
    }
    const res = await action.run(ps);
    if (res) props.onDone(res.value);
  };

  return (
    <Dialog
      title="Purge records"
      submitLabel="Purge"
      danger
      canSubmit={confirm() === props.topic}
      onClose={props.onClose}
      onSubmit={submit}
      busy={action.busy()}
      error={action.error()}
    >
      <p class="warn-note">
        Deletes every record currently in the chosen partitions (moves the start offset to the end). Consumers that
        have not read them yet will never see them. This cannot be undone.
      </p>
      <fieldset class="fieldset">
        <legend>Partitions</legend>
        <label class="check">
          <input type="radio" name="purge-scope" checked={scope() === 'all'} onChange={() => setScope('all')} />
          All partitions ({props.partitions.length})
        </label>
        <label class="check">
          <input type="radio" name="purge-scope" checked={scope() === 'some'} onChange={() => setScope('some')} />
          Selected partitions
        </label>
        <Show when={scope() === 'some'}>
          <Field label="Partitions to purge" hint={`Available: ${fmtPartitionList(props.partitions)}`}>
            {(f) => (
              <input
                id={f.id}
                aria-describedby={f.hintId}
                type="text"
                class="mono"
                placeholder="0, 3, 5-7"
                value={list()}
                onInput={(e) => setList(e.currentTarget.value)}
              />
            )}
          </Field>
        </Show>
      </fieldset>
      <ConfirmName topic={props.topic} value={confirm()} onInput={setConfirm} />
    </Dialog>
  );
}

export function DeleteTopicDialog(props: Common & { onDone: () => void }) {
  const [confirm, setConfirm] = createSignal('');
  const action = useAction(() => deleteTopic(props.cluster, props.topic, confirm()));

  const submit = async () => {
    if (await action.run()) props.onDone();
  };

  return (
    <Dialog
      title="Delete topic"
      submitLabel="Delete topic"
      danger
      canSubmit={confirm() === props.topic}
      onClose={props.onClose}
      onSubmit={submit}
      busy={action.busy()}
      error={action.error()}
    >
      <p class="warn-note">
        Deletes <strong class="mono">{props.topic}</strong> and all its records. Producers and consumers using it
        will fail (or recreate it, if auto-creation is on). This cannot be undone.
      </p>
      <ConfirmName topic={props.topic} value={confirm()} onInput={setConfirm} />
    </Dialog>
  );
}
