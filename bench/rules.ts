/**
 * The rules over every real published report the project holds (the five samples and the importer's corpus
 * of twenty, lib/import/testing/rules-corpus.ts), against the hand labels of tests/fixtures/rules-labels:
 * findings true or false, and the text statements that contradict the tables (each must be found).
 *
 *   npm run bench:rules            (BENCH_SMOKE=1: three reports)
 *
 * Prints one line per report, then the totals; the last line is one JSON object: reports, statements (read
 * from the texts), findings (labelled and counted), false_alarms, missed (labelled contradictions without a
 * finding), plus excluded (findings about parts the stored copies do not hold), unlabelled and the
 * false-alarm rate.
 */
import { readLabels, realReports, runRules, score } from "../lib/import/testing/rules-corpus";

const all = realReports();
const reports = process.env.BENCH_SMOKE === "1" ? all.slice(0, 3) : all;
const total = { statements: 0, holds: 0, contradicts: 0, findings: 0, real: 0, falseAlarms: 0, excluded: 0, unlabelled: 0, missed: 0 };
const started = performance.now();
for (const r of reports) {
  const run = runRules(r);
  const s = score(run, readLabels(r.id));
  total.statements += s.statements;
  total.holds += s.holds;
  total.contradicts += s.contradicts;
  total.findings += s.findings;
  total.real += s.real;
  total.falseAlarms += s.falseAlarms;
  total.excluded += s.excluded;
  total.unlabelled += s.unlabelled.length;
  total.missed += s.missed.length;
  console.log(
    `${r.id.padEnd(40)} statements ${String(s.statements).padStart(2)} (true ${s.holds}, contradict ${s.contradicts})  findings ${String(s.findings).padStart(3)}  real ${String(s.real).padStart(3)}  false ${s.falseAlarms}  excluded ${String(s.excluded).padStart(3)}` +
      (s.unlabelled.length ? `  UNLABELLED ${s.unlabelled.join(" ")}` : "") +
      (s.missed.length ? `  MISSED ${s.missed.join(" ")}` : ""),
  );
  for (const f of run.findings) {
    const l = readLabels(r.id)?.findings[f.key];
    if (l && l.real === false && process.env.VERBOSE) console.log(`  false alarm ${f.key}: ${l.note}`);
  }
}
const rate = total.findings ? Math.round((total.falseAlarms / total.findings) * 10000) / 10000 : 0;
console.log("");
console.log(
  `${reports.length} reports: ${total.statements} statements read (${total.holds} true, ${total.contradicts} contradict the tables); ` +
    `${total.findings} findings counted, ${total.real} real, ${total.falseAlarms} false alarms (${(rate * 100).toFixed(1)}%), ` +
    `${total.excluded} excluded, ${total.unlabelled} unlabelled; missed ${total.missed}; ${Math.round(performance.now() - started)} ms`,
);
console.log(
  JSON.stringify({
    reports: reports.length,
    statements: total.statements,
    statements_contradicting: total.contradicts,
    findings: total.findings,
    real: total.real,
    false_alarms: total.falseAlarms,
    false_alarm_rate: rate,
    missed: total.missed,
    excluded: total.excluded,
    unlabelled: total.unlabelled,
  }),
);
