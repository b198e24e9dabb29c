/** Recorded-arrivals CSV: both formats, and every bad input named by its line. */
import { describe, expect, it } from 'vitest';
import { parseArrivalsCsv, MAX_REPLAY_ARRIVALS } from './arrivalsCsv.ts';

const fail = (text: string) => {
  const r = parseArrivalsCsv(text, 'a.csv');
  if (r.ok) throw new Error('expected an error');
  return r.message;
};

describe('parseArrivalsCsv', () => {
  it('timestamps, with a header and blank lines; equal timestamps are allowed', () => {
    expect(parseArrivalsCsv('timestamp\n0.5\n\n1.25\n1.25\n7\n')).toEqual({ ok: true, format: 'timestamps', atS: [0.5, 1.25, 1.25, 7] });
  });
  it('second,rps: each second gets exactly its count, evenly spaced inside it; fractional rates add up by running total', () => {
    const r = parseArrivalsCsv('second,rps\n0,2\n1,0\n3,1.5\n4,1.5\n');
    expect(r).toEqual({ ok: true, format: 'rates', atS: [0.25, 0.75, 3.25, 3.75, 4.5] });
  });
  it('bad input names the line', () => {
    expect(fail('0.5\nabc\n')).toBe('a.csv, line 2: "abc" is not a number');
    expect(fail('1\n0.5\n')).toBe('a.csv, line 2: timestamp 0.5 is before the one above (1); timestamps must be sorted');
    expect(fail('-1\n')).toBe('a.csv, line 1: timestamp -1 is negative');
    expect(fail('second,rps\n0,5\n1,-2\n')).toBe('a.csv, line 3: rate -2 is negative');
    expect(fail('0,5\n0,6\n')).toMatch(/^a.csv, line 2: second 0 does not come after/);
    expect(fail('0,5\n0.5,6\n')).toMatch(/^a.csv, line 2: second 0.5 is less than 1 s after 0/);
    expect(fail('0,5\n1\n')).toBe('a.csv, line 2: 1 column(s) where the lines before have 2');
    expect(fail('0,5,6\n')).toMatch(/^a.csv, line 1: 3 columns/);
    expect(fail('0,\n')).toBe('a.csv, line 1: "" is not a number');
    expect(fail('')).toMatch(/^a.csv is empty/);
    expect(fail('timestamp\n\n')).toMatch(/^a.csv is empty/);
  });
  it('a replay larger than a document may embed is refused with the limit', () => {
    expect(fail(`0,${MAX_REPLAY_ARRIVALS + 1}\n`)).toMatch(/more than 200,000 arrivals; a document embeds at most 200,000/);
  });
});
