import { createResource, createSignal, Show } from 'solid-js';
import { getVectorYaml, vectorYamlUrl } from '../../api/indexing';
import { ErrorBox } from '../../ui/ErrorBox';
import './indexing.css';

/** The Vector config generated from the plan: shown on demand, downloadable. */
export function VectorConfigPanel(props: { cluster: string; version: number }) {
  const [open, setOpen] = createSignal(false);
  const [yaml, { refetch }] = createResource(() => (open() ? `${props.cluster}#${props.version}` : false), () => getVectorYaml(props.cluster));
  return (
    <section class="panel vector-panel" aria-label="Vector configuration">
      <div class="panel-head">
        <strong>Vector configuration</strong>
        <div class="page-actions">
          <a class="btn btn-small" href={vectorYamlUrl(props.cluster)} download={`vector-${props.cluster}.yaml`}>
            Download vector.yaml
          </a>
          <button type="button" class="btn btn-small" aria-expanded={open()} onClick={() => setOpen(!open())}>
            {open() ? 'Hide' : 'Show'}
          </button>
        </div>
      </div>
      <Show when={open()}>
        <p class="muted small vector-note">
          The same plan as a Vector pipeline (kafka → sample → remap → VictoriaLogs, acknowledgements on). Local mode keeps it in
          vector/generated/ for a Vector started with --watch-config.
        </p>
        <Show when={yaml.error}>{(e) => <ErrorBox error={e()} onRetry={() => void refetch()} />}</Show>
        <Show when={yaml()}>{(text) => <pre class="vector-yaml mono">{text()}</pre>}</Show>
      </Show>
    </section>
  );
}
