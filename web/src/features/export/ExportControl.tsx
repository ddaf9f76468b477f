import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { downloadExport, MAX_EXPORT_ROWS, type ExportFormat, type ExportMode, type ExportProgress, type ExportRow } from '../../api/export';
import { isAbort } from '../../api/http';
import { Dialog } from '../../ui/Dialog';
import { saveBlob } from '../../ui/download';
import { InputField } from '../../ui/Field';
import { fmtBytes, fmtInt } from '../../ui/format';
import { invalid } from '../../ui/problem';
import { Segmented } from '../../ui/Segmented';
import { rowsToBlob } from './formats';
import './export.css';

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'ndjson', label: 'NDJSON' },
  { value: 'json', label: 'JSON' },
  { value: 'csv', label: 'CSV' },
];

const MODES: { value: ExportMode; label: string }[] = [
  { value: 'decoded', label: 'Decoded' },
  { value: 'raw', label: 'Raw bytes (base64)' },
];

/** Streamed by the server: its path for a format, mode and row count. */
export interface ServerSource {
  kind: 'server';
  path: (format: ExportFormat, mode: ExportMode, limit: number) => string;
  /** The row count the user may change (browse: records per partition), with its label. */
  limit: { label: string; value: number };
}

/** Written in the browser (the live tail's buffer). */
export interface LocalSource {
  kind: 'local';
  rows: (mode: ExportMode) => ExportRow[];
  /** File name without extension. */
  name: string;
}

interface Props {
  /** What is exported, for the button's and dialog's names, e.g. "browse results". */
  what: string;
  source: () => ServerSource | LocalSource;
  disabled?: boolean;
  /** Beside the choices: what the export covers. */
  note?: JSX.Element;
}

const stamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '');

/** An Export button and its dialog: format, decoded or raw, progress while it streams, the final count. */
export function ExportControl(props: Props) {
  const [open, setOpen] = createSignal(false);
  const [format, setFormat] = createSignal<ExportFormat>('ndjson');
  const [mode, setMode] = createSignal<ExportMode>('decoded');
  const [limitText, setLimitText] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [progress, setProgress] = createSignal<ExportProgress>();
  const [saved, setSaved] = createSignal<{ rows: number; bytes: number; filename: string }>();
  let running: AbortController | undefined;
  onCleanup(() => running?.abort());

  const show = () => {
    const source = props.source();
    setLimitText(source.kind === 'server' ? String(source.limit.value) : '');
    setError(undefined);
    setProgress(undefined);
    setSaved(undefined);
    setOpen(true);
  };

  async function run(): Promise<void> {
    const source = props.source();
    const ctrl = new AbortController();
    running = ctrl;
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    setProgress({ rows: 0, bytes: 0 });
    try {
      let file: { blob: Blob; rows: number; bytes: number; filename: string };
      if (source.kind === 'server') {
        const limit = Number(limitText().trim());
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXPORT_ROWS) {
          throw invalid(`${source.limit.label} must be a whole number from 1 to ${fmtInt(MAX_EXPORT_ROWS)}.`);
        }
        file = await downloadExport(source.path(format(), mode(), limit), format(), setProgress, ctrl.signal);
      } else {
        const written = await rowsToBlob(source.rows(mode()), format(), setProgress);
        file = { ...written, filename: `${source.name}-${stamp()}.${format()}` };
      }
      if (ctrl.signal.aborted) return;
      saveBlob(file.blob, file.filename);
      setSaved({ rows: file.rows, bytes: file.bytes, filename: file.filename });
    } catch (e) {
      if (!isAbort(e)) setError(e);
    } finally {
      if (running === ctrl) running = undefined;
      setBusy(false);
    }
  }

  const close = () => {
    running?.abort();
    setOpen(false);
  };

  const sourceNow = () => props.source();

  return (
    <>
      <button type="button" class="btn" disabled={props.disabled} onClick={show} aria-label={`Export ${props.what}`}>
        Export…
      </button>
      <Show when={open()}>
        <Dialog
          title={`Export ${props.what}`}
          onClose={close}
          onSubmit={run}
          busy={busy()}
          error={error()}
          submitLabel={saved() ? 'Export again' : 'Export'}
          class="export-dialog"
          actions={
            <Show when={busy()}>
              <button type="button" class="btn" onClick={() => running?.abort()}>
                Stop
              </button>
            </Show>
          }
        >
          <Show when={props.note}>
            <p class="muted small">{props.note}</p>
          </Show>
          <div class="export-choice">
            <span class="export-choice-label">Format</span>
            <Segmented label="Format" options={FORMATS} value={format()} onChange={setFormat} />
          </div>
          <div class="export-choice">
            <span class="export-choice-label">Content</span>
            <Segmented label="Content" options={MODES} value={mode()} onChange={setMode} />
          </div>
          <Show when={(() => { const s = sourceNow(); return s.kind === 'server' ? s : undefined; })()}>
            {(s) => (
              <InputField
                label={s().limit.label}
                class="export-limit"
                type="number"
                min="1"
                max={String(MAX_EXPORT_ROWS)}
                value={limitText()}
                onValue={setLimitText}
              />
            )}
          </Show>
          <p class="export-progress" role="status" aria-live="polite" data-testid="export-progress" data-rows={saved()?.rows ?? progress()?.rows}>
            <Show when={saved()} fallback={<Show when={progress()}>{(p) => `Exporting… ${fmtInt(p().rows)} rows · ${fmtBytes(p().bytes)}`}</Show>}>
              {(s) => (
                <>
                  Exported <b>{fmtInt(s().rows)}</b> rows · {fmtBytes(s().bytes)} · <span class="mono">{s().filename}</span>
                </>
              )}
            </Show>
          </p>
        </Dialog>
      </Show>
    </>
  );
}
