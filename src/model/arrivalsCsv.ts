/**
 * Recorded arrivals from a CSV, for a client's `replay` (docs/SEMANTICS.md, "Traffic"):
 *   one column  — a timestamp per request, seconds from the start, sorted (`t` or `timestamp` header optional);
 *   two columns — `second,rps`: the requests sent in each second (seconds increasing, rates ≥ 0),
 *                 expanded to evenly spaced arrivals inside each second (the count per second
 *                 is the running total rounded, so fractional rates add up).
 * A first line with no digits is a header. Blank lines are skipped. Errors name the line.
 */
export const MAX_REPLAY_ARRIVALS = 200_000;

export type ArrivalsCsvResult = { ok: true; format: 'timestamps' | 'rates'; atS: number[] } | { ok: false; message: string };

export function parseArrivalsCsv(text: string, name = 'the CSV'): ArrivalsCsvResult {
  const lines = text.split(/\r?\n/);
  const rows: { line: number; cells: number[] }[] = [];
  let cols = 0;
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!.trim();
    if (raw === '') continue;
    const cells = raw.split(/\s*[,;\t]\s*/);
    if (rows.length === 0 && !/\d/.test(raw)) continue; // header
    if (cells.length > 2)
      return { ok: false, message: `${name}, line ${n + 1}: ${cells.length} columns; expected one (timestamps in s) or two (second,rps)` };
    if (cols === 0) cols = cells.length;
    else if (cells.length !== cols)
      return { ok: false, message: `${name}, line ${n + 1}: ${cells.length} column(s) where the lines before have ${cols}` };
    const nums = cells.map(Number);
    const bad = cells.findIndex((c, k) => c === '' || !Number.isFinite(nums[k]!));
    if (bad >= 0) return { ok: false, message: `${name}, line ${n + 1}: "${cells[bad]}" is not a number` };
    rows.push({ line: n + 1, cells: nums });
  }
  if (rows.length === 0) return { ok: false, message: `${name} is empty: expected a timestamp (s) per line, or second,rps lines` };
  const atS: number[] = [];
  const tooMany = (count: number) => ({
    ok: false as const,
    message: `${name} has ${count > MAX_REPLAY_ARRIVALS ? `more than ${MAX_REPLAY_ARRIVALS.toLocaleString('en-US')}` : count} arrivals; a document embeds at most ${MAX_REPLAY_ARRIVALS.toLocaleString('en-US')} (replay a shorter stretch, or model the rate with a schedule)`,
  });
  if (cols === 1) {
    let prev = -Infinity;
    for (const { line, cells } of rows) {
      const t = cells[0]!;
      if (t < 0) return { ok: false, message: `${name}, line ${line}: timestamp ${t} is negative` };
      if (t < prev)
        return { ok: false, message: `${name}, line ${line}: timestamp ${t} is before the one above (${prev}); timestamps must be sorted` };
      prev = t;
      atS.push(t);
      if (atS.length > MAX_REPLAY_ARRIVALS) return tooMany(atS.length);
    }
    return { ok: true, format: 'timestamps', atS };
  }
  let prev = -Infinity,
    cum = 0,
    sent = 0;
  for (const { line, cells } of rows) {
    const [s, r] = cells as [number, number];
    if (s < 0) return { ok: false, message: `${name}, line ${line}: second ${s} is negative` };
    if (s <= prev)
      return {
        ok: false,
        message: `${name}, line ${line}: second ${s} does not come after the one above (${prev}); seconds must increase`,
      };
    if (prev > -Infinity && s < prev + 1)
      return { ok: false, message: `${name}, line ${line}: second ${s} is less than 1 s after ${prev}` };
    if (r < 0) return { ok: false, message: `${name}, line ${line}: rate ${r} is negative` };
    prev = s;
    cum += r;
    const n = Math.round(cum) - sent;
    if (sent + n > MAX_REPLAY_ARRIVALS) return tooMany(sent + n);
    for (let k = 0; k < n; k++) atS.push(s + (k + 0.5) / n);
    sent += n;
  }
  return { ok: true, format: 'rates', atS };
}
