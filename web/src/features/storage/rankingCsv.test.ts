import { describe, expect, it } from 'vitest';
import type { RankedTopic } from '../../api/storage';
import { rankingCsv } from './rankingCsv';

const topic = (over: Partial<RankedTopic>): RankedTopic => ({
  topic: 't', internal: false, bytes: 100, leaderBytes: 50, partitions: 2, replicationFactor: 2, brokers: { '1': 60, '2': 40 },
  complete: true, unknownReplicas: 0, messages: 10, brokerSkew: 1.2, replicaSkew: 0, oldestTimestamp: null,
  retentionMs: 604800000, retentionBytes: -1, segmentBytes: null, segmentMs: null, cleanupPolicy: 'delete', ...over,
});

describe('ranking CSV', () => {
  it('writes a header and one line per topic in the given order, bytes per broker in columns', () => {
    const csv = rankingCsv([topic({ topic: 'orders' }), topic({ topic: 'audit', bytes: null, brokers: { '3': 5 } })], [1, 2]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('topic,internal,bytes,leader_bytes,complete,partitions,replication_factor,messages,broker_skew,retention_ms,retention_bytes,cleanup_policy,oldest_timestamp,broker_1_bytes,broker_2_bytes,broker_3_bytes');
    expect(lines[1]).toBe('orders,false,100,50,true,2,2,10,1.2,604800000,-1,delete,,60,40,');
    expect(lines[2]?.startsWith('audit,false,,50,')).toBe(true);
    expect(lines[2]?.endsWith(',,,5')).toBe(true);
  });

  it('quotes what needs it and defuses formulas', () => {
    const csv = rankingCsv([topic({ topic: '-x', cleanupPolicy: 'compact,delete', brokers: {} })], []);
    expect(csv.split('\r\n')[1]).toContain(`'-x,`);
    expect(csv.split('\r\n')[1]).toContain('"compact,delete"');
  });
});
