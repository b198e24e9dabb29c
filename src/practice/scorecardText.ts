/** The scorecard as terminal text (`archsim grade`): drills, checks with measured values, cost against budget, findings left. */
import type { Scorecard } from './scorecard.ts';
import { usdText } from './cost.ts';
import { boundText, measureText } from './measureText.ts';

export function scorecardText(s: Scorecard): string {
  const out: string[] = [];
  out.push(`${s.title} — practice scorecard: ${s.pass ? 'PASS' : 'FAIL'}`);
  if (s.blocked.length) {
    out.push('', 'Not graded:');
    for (const b of s.blocked) out.push(`  ${b}`);
    return out.join('\n');
  }
  for (const d of s.drills) {
    out.push(
      '',
      `${d.pass ? 'PASS' : 'FAIL'}  drill “${d.name}” (${d.replications} run${d.replications === 1 ? '' : 's'}) — ${d.description}`,
    );
    for (const c of d.checks) {
      const ci = Number.isFinite(c.ci95) && c.ci95 > 0 ? ` ± ${measureText(c.metric, c.ci95)}` : '';
      const reps = d.replications > 1 ? `, passed in ${c.passed}/${d.replications}` : '';
      out.push(
        `  ${c.pass ? 'pass' : 'FAIL'}  ${c.text}: measured ${measureText(c.metric, c.measured)}${ci} (bound ${boundText(c.metric, c.op, c.value)}${reps})`,
      );
      if (c.why) out.push(`        ${c.why}`);
    }
  }
  for (const c of s.designChecks) out.push('', `${c.pass ? 'PASS' : 'FAIL'}  design: ${c.text} (${c.measured})`);
  out.push(
    '',
    `${s.cost.pass ? 'PASS' : 'FAIL'}  cost ${usdText(s.cost.usdPerMonth)}/month, budget ${usdText(s.cost.budgetUsdPerMonth)}/month (${s.cost.basis})`,
  );
  for (const n of s.cost.nodes.slice(0, 8))
    out.push(`  ${usdText(n.usdPerMonth).padStart(8)}  ${n.label} — ${n.lines.map((l) => l.what).join('; ')}`);
  if (s.findings.length) {
    out.push('', 'Findings left');
    for (const f of s.findings.slice(0, 12)) {
      out.push(`  [${f.severity}] ${f.drill}: ${f.message}`);
      out.push(`      → ${f.suggestion}`);
    }
    if (s.findings.length > 12) out.push(`  … and ${s.findings.length - 12} more`);
  }
  const failedDrills = s.drills.filter((d) => !d.pass).length;
  out.push(
    '',
    s.pass
      ? `every drill passes within budget (${s.drills.length} drills)`
      : `${failedDrills} of ${s.drills.length} drills failed${s.cost.pass ? '' : ', over budget'}${s.designChecks.some((c) => !c.pass) ? ', a design check failed' : ''}`,
  );
  return out.join('\n');
}
