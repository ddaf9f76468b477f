// What each panel exports: browse's loaded range and search's last window (streamed by the
// server), and the live tail's buffer (written here, newest first, as the list shows it).
import { browseExportPath, searchExportPath } from '../../api/export';
import type { BrowseQuery, MessageItem } from '../../api/messages';
import type { LocalSource, ServerSource } from './ExportControl';
import { tailRow } from './formats';

export function browseSource(cluster: string, topic: string, query: BrowseQuery): ServerSource {
  return {
    kind: 'server',
    path: (format, mode, limit) =>
      browseExportPath(cluster, topic, {
        format, mode, limit, partition: query.partition, offset: query.offset, timestamp: query.timestamp,
        filter: query.filter, filterField: query.filterField, filterKind: query.filterKind, header: query.header,
      }),
    limit: { label: query.filter ? 'Matching records per partition' : 'Records per partition', value: query.limit ?? 50 },
  };
}

export interface SearchWindow {
  query: string;
  start: string;
  end: string;
  limit: number;
}

export function searchSource(cluster: string, window: SearchWindow): ServerSource {
  return {
    kind: 'server',
    path: (format, mode, limit) => searchExportPath(cluster, { format, mode, query: window.query, start: window.start, end: window.end, limit }),
    limit: { label: 'Rows (newest first)', value: window.limit },
  };
}

/** The buffer as it is now (a live tail keeps adding; the export is of this moment). */
export function tailSource(topic: string, buffer: { size: number; at(i: number): MessageItem | undefined }): LocalSource {
  return {
    kind: 'local',
    name: `${topic}-tail`,
    rows: (mode) => {
      const items: MessageItem[] = [];
      for (let i = 0; i < buffer.size; i++) {
        const item = buffer.at(i);
        if (item) items.push(item);
      }
      return items.map((m) => tailRow(topic, m, mode));
    },
  };
}
