import { createSignal, Show, type JSX } from 'solid-js';
import { deleteTopic, purgeTopic, type PurgeResult } from '../../api/topics';
import { Dialog } from '../../ui/Dialog';
import { InputField } from '../../ui/Field';
import { fmtPartitionList, parsePartitionList } from '../../ui/format';
import { invalid } from '../../ui/problem';
import { useAction } from '../../ui/useAction';

interface Common {
  cluster: string;
  topic: string;
  onClose: () => void;
}

interface DangerProps {
  title: string;
  submitLabel: string;
  topic: string;
  /** What is lost, said before anything else. */
  warning: JSX.Element;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  /** Runs once the name is typed; `typed` goes to the server, which checks it again. */
  onConfirm: (typed: string) => unknown;
  children?: JSX.Element;
}

/** An action that cannot be undone: the warning first, and typing the topic's name is the safeguard. */
function TopicDangerDialog(props: DangerProps) {
  const [typed, setTyped] = createSignal('');
  return (
    <Dialog
      title={props.title}
      submitLabel={props.submitLabel}
      danger
      canSubmit={typed() === props.topic}
      onClose={props.onClose}
      onSubmit={() => props.onConfirm(typed())}
      busy={props.busy}
      error={props.error}
    >
      <p class="warn-note">{props.warning}</p>
      {props.children}
      <InputField
        label="Type the topic name to confirm"
        type="text"
        inputClass="mono"
        autocomplete="off"
        spellcheck={false}
        placeholder={props.topic}
        value={typed()}
        onValue={setTyped}
      />
    </Dialog>
  );
}

export function PurgeDialog(props: Common & { partitions: number[]; onDone: (r: PurgeResult) => void }) {
  const [scope, setScope] = createSignal<'all' | 'some'>('all');
  const [list, setList] = createSignal('');
  const action = useAction((typed: string, ps: number[] | undefined) => purgeTopic(props.cluster, props.topic, typed, ps));

  const submit = async (typed: string) => {
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
    const res = await action.run(typed, ps);
    if (res) props.onDone(res.value);
  };

  return (
    <TopicDangerDialog
      title="Purge records"
      submitLabel="Purge"
      topic={props.topic}
      warning={
        <>
          Deletes every record currently in the chosen partitions (moves the start offset to the end). Consumers that
          have not read them yet will never see them. This cannot be undone.
        </>
      }
      busy={action.busy()}
      error={action.error()}
      onClose={props.onClose}
      onConfirm={submit}
    >
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
          <InputField
            label="Partitions to purge"
            hint={`Available: ${fmtPartitionList(props.partitions)}`}
            type="text"
            inputClass="mono"
            placeholder="0, 3, 5-7"
            value={list()}
            onValue={setList}
          />
        </Show>
      </fieldset>
    </TopicDangerDialog>
  );
}

export function DeleteTopicDialog(props: Common & { onDone: () => void }) {
  const action = useAction((typed: string) => deleteTopic(props.cluster, props.topic, typed));
  return (
    <TopicDangerDialog
      title="Delete topic"
      submitLabel="Delete topic"
      topic={props.topic}
      warning={
        <>
          Deletes <strong class="mono">{props.topic}</strong> and all its records. Producers and consumers using it will
          fail (or recreate it, if auto-creation is on). This cannot be undone.
        </>
      }
      busy={action.busy()}
      error={action.error()}
      onClose={props.onClose}
      onConfirm={async (typed) => {
        if (await action.run(typed)) props.onDone();
      }}
    />
  );
}
