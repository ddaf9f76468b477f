// An MSK event-source-mapping batch (`aws:kafka`) → the records the indexer core takes.
// Keys and values arrive base64-encoded, header values as byte arrays.
import type { MSKEvent } from 'aws-lambda'
import type { RawRecord } from '../core/kafka/index.ts'

export function recordsOfEvent(event: MSKEvent): RawRecord[] {
  const records: RawRecord[] = []
  for (const batch of Object.values(event.records ?? {})) {
    for (const r of batch) {
      records.push({
        topic: r.topic,
        partition: r.partition,
        offset: String(r.offset),
        timestamp: r.timestamp,
        // The event omits key (and value, for tombstones) when the record has none.
        key: typeof r.key === 'string' ? Buffer.from(r.key, 'base64') : null,
        value: typeof r.value === 'string' ? Buffer.from(r.value, 'base64') : null,
        headers: (r.headers ?? []).flatMap((header) => Object.entries(header).map(([name, bytes]): [Buffer, Buffer | null] =>
          [Buffer.from(name), Array.isArray(bytes) ? Buffer.from(bytes) : null])),
      })
    }
  }
  return records
}
