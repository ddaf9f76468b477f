import { Match, Switch, createEffect, createSignal, on } from 'solid-js';
import type { PurgeResult, TopicConfig, TopicDetail } from '../../api/topics';
import { fmtOffset } from '../../ui/format';
import { DeleteTopicDialog, PurgeDialog } from './TopicDangerDialogs';
import { AddPartitionsDialog, EditConfigsDialog } from './TopicEditDialogs';
import './topics.css';

type Open = 'partitions' | 'configs' | 'purge' | 'delete' | undefined;

interface Props {
  cluster: string;
  topic: TopicDetail;
  /** A change went through: show `message` and reload what it affected. */
  onChanged: (message: string) => void;
  onConfigs: (configs: TopicConfig[]) => void;
  onDeleted: () => void;
  /** A config to open the editor on (an Edit button in the configs table); cleared through onEditClosed. */
  editConfig?: string | undefined;
  onEditClosed?: () => void;
}

function purgeMessage(r: PurgeResult): string {
  const ps = [...r.partitions].sort((a, b) => a.partition - b.partition);
  const shown = ps.slice(0, 8).map((p) => `${p.partition} → ${fmtOffset(p.lowWatermark)}`);
  const more = ps.length > shown.length ? `, … ${ps.length - shown.length} more` : '';
  return `Purged ${ps.length} partition${ps.length === 1 ? '' : 's'}. New start offsets: ${shown.join(', ')}${more}.`;
}

/** Admin-only actions for one topic. The trigger buttons end in "…" because each opens a dialog. */
export function TopicAdmin(props: Props) {
  const [open, setOpen] = createSignal<Open>();
  const close = () => {
    setOpen(undefined);
    props.onEditClosed?.();
  };
  createEffect(on(() => props.editConfig, (name) => name !== undefined && setOpen('configs')));
  const common = () => ({ cluster: props.cluster, topic: props.topic.name, onClose: close });

  return (
    <>
      <div class="admin-actions" role="group" aria-label="Topic administration">
        <button type="button" class="btn" onClick={() => setOpen('partitions')}>
          Add partitions…
        </button>
        <button type="button" class="btn" onClick={() => setOpen('configs')}>
          Edit configs…
        </button>
        <button type="button" class="btn btn-danger-outline" onClick={() => setOpen('purge')}>
          Purge records…
        </button>
        <button type="button" class="btn btn-danger-outline" onClick={() => setOpen('delete')}>
          Delete topic…
        </button>
      </div>
      <Switch>
        <Match when={open() === 'partitions'}>
          <AddPartitionsDialog
            {...common()}
            current={props.topic.partitions.length}
            onDone={(n) => {
              close();
              props.onChanged(`Partition count raised from ${props.topic.partitions.length} to ${n}.`);
            }}
          />
        </Match>
        <Match when={open() === 'configs'}>
          <EditConfigsDialog
            {...common()}
            configs={props.topic.configs}
            initialName={props.editConfig}
            onSaved={(configs) => {
              close();
              props.onConfigs(configs);
              props.onChanged('Configs saved.');
            }}
          />
        </Match>
        <Match when={open() === 'purge'}>
          <PurgeDialog
            {...common()}
            partitions={props.topic.partitions.map((p) => p.partition).sort((a, b) => a - b)}
            onDone={(r) => {
              close();
              props.onChanged(purgeMessage(r));
            }}
          />
        </Match>
        <Match when={open() === 'delete'}>
          <DeleteTopicDialog
            {...common()}
            onDone={() => {
              close();
              props.onDeleted();
            }}
          />
        </Match>
      </Switch>
    </>
  );
}
