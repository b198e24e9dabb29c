import { describe, expect, it } from 'vitest';
import { parseDocument, formatErrors } from '../../model/index.ts';
import { resultToJson, seriesToCsv } from './exportData.ts';
import { makeResult } from './testResult.ts';

describe('result export', () => {
  const r = makeResult({
    nodes: { api: { label: 'API, "v2"', series: { arrivals: [10, 20, 30], p99: [1.5, 2.25, 0] } } },
    filled: 2,
    total: 3,
  });

  it('CSV: a header and one row per node per filled bucket, labels quoted', () => {
    const lines = seriesToCsv(r).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'time_s,node,label,arrivals,completed,errors,rejected,timeouts,retries,queueMean,queueMax,utilization,p50,p99,sideEffects,duplicates,dlq',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('0,api,"API, ""v2""",10,0,0,0,0,0,0,0,0,0,1.5,0,0,0');
    expect(lines[2]!.startsWith('10,api,')).toBe(true);
  });

  it('JSON: the document and result, series as arrays of the filled buckets', () => {
    const p = parseDocument({ version: 1, title: 'T', nodes: [] });
    if (!p.ok) throw new Error(formatErrors(p.errors));
    const back = JSON.parse(resultToJson(r, p.doc, 'Run 1'));
    expect(back.type).toBe('archsim/result');
    expect(back.label).toBe('Run 1');
    expect(back.document.title).toBe('T');
    expect(back.result.series.nodes.api.arrivals).toEqual([10, 20]);
  });
});
