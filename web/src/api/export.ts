// Exports: browse and search results streamed from the server (counted as they arrive, kept as
// Blob parts the browser may hold on disk), and the shapes the web writes the tail's buffer in.
import { ApiProblem, buildUrl, isAbort, requestStream, seg } from './http';
import type { ExportFormat, ExportMode, ExportRow } from './contract';
import type { BrowseFilterField, BrowseFilterKind } from './messages';

export type { ExportFormat, ExportMode, ExportRow };

export interface BrowseExportQuery {
  format: ExportFormat;
  mode: ExportMode;
  partition?: number;
  offset?: string;
  timestamp?: string;
  /** Records per partition, like browse's limit (matching records when filtered). */
  limit: number;
  /** Browse's filter, applied by the server while it exports. */
  filter?: string;
  filterField?: BrowseFilterField;
  filterKind?: BrowseFilterKind;
  header?: string;
}

export interface SearchExportQuery {
  format: ExportFormat;
  mode: ExportMode;
  query: string;
  start: string;
  end: string;
  limit: number;
}

/** The server's cap on one export. */
export const MAX_EXPORT_ROWS = 1_000_000;

export const browseExportPath = (cluster: string, topic: string, q: BrowseExportQuery): string =>
  buildUrl(`/api/clusters/${seg(cluster)}/topics/${seg(topic)}/export`, { ...q });

export const searchExportPath = (cluster: string, q: SearchExportQuery): string =>
  buildUrl(`/api/clusters/${seg(cluster)}/search/export`, { ...q });

export interface ExportProgress {
  rows: number;
  bytes: number;
}

export interface ExportFile extends ExportProgress {
  blob: Blob;
  filename: string;
}

/**
 * Counts rows in an export's text as it streams, exactly: NDJSON and the JSON array write one row
 * per line (JSON escapes line breaks), CSV one per CRLF outside quotes, after its header line.
 */
export class RowCounter {
  private lines = 0;
  private quoted = false;

  constructor(private readonly format: ExportFormat) {}

  feed(text: string): void {
    if (this.format !== 'csv') {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lines++;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // A doubled quote inside a quoted field toggles twice: no net change.
      if (c === 0x22) this.quoted = !this.quoted;
      else if (c === 0x0a && !this.quoted) this.lines++;
    }
  }

  /** Rows so far; `done` once the whole text was fed (the JSON array's closing lines then count off). */
  rows(done = false): number {
    if (this.format === 'ndjson') return this.lines;
    if (this.format === 'csv') return Math.max(0, this.lines - 1);
    return Math.max(0, this.lines - (done ? 2 : 0));
  }
}

/** Collects a download's bytes; every ~8 MiB becomes one Blob part, which Chromium may page to disk. */
export class BlobCollector {
  private readonly parts: Blob[] = [];
  private chunks: Uint8Array[] = [];
  private pending = 0;

  constructor(private readonly type: string) {}

  add(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.pending += chunk.byteLength;
    if (this.pending >= 8 * 1024 * 1024) this.seal();
  }

  private seal(): void {
    if (this.chunks.length === 0) return;
    this.parts.push(new Blob(this.chunks as BlobPart[]));
    this.chunks = [];
    this.pending = 0;
  }

  blob(): Blob {
    this.seal();
    return new Blob(this.parts, { type: this.type });
  }
}

const filenameOf = (disposition: string | null, fallback: string) => /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;

/** Streams an export, reporting rows and bytes as they arrive; problems before the first byte come as ApiProblem. */
export async function downloadExport(
  path: string,
  format: ExportFormat,
  onProgress: (progress: ExportProgress) => void,
  signal?: AbortSignal,
): Promise<ExportFile> {
  const res = await requestStream(path, { accept: '*/*', signal });
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  const filename = filenameOf(res.headers.get('content-disposition'), `export.${format}`);
  const collector = new BlobCollector(type);
  const counter = new RowCounter(format);
  const decoder = new TextDecoder();
  let bytes = 0;
  let reported = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (err) {
        if (isAbort(err)) throw err;
        // The server errors the stream when reading fails midway: the file is incomplete, so none is saved.
        throw new ApiProblem({
          type: 'about:blank', title: 'Export broke off', status: 0, code: 'NETWORK_ERROR',
          detail: `The export stopped after ${counter.rows()} rows (${bytes} bytes) and was not saved; try again.`,
        });
      }
      const { value, done } = next;
      if (done) break;
      collector.add(value);
      counter.feed(decoder.decode(value, { stream: true }));
      bytes += value.byteLength;
      // Progress at most every 64 KiB: a re-render per network chunk costs more than it shows.
      if (bytes - reported >= 65_536) {
        reported = bytes;
        onProgress({ rows: counter.rows(), bytes });
      }
    }
  }
  counter.feed(decoder.decode());
  const final = { rows: counter.rows(true), bytes };
  onProgress(final);
  return { ...final, blob: collector.blob(), filename };
}
