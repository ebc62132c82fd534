/**
 * Import accuracy over the corpus of real published reports (tests/fixtures/import/corpus, README there):
 * every report in every form a clerk has (the crawled page text, the same text flattened as a browser copy
 * gives it, the page's HTML, a PDF printed from it, a DOCX saved from it) imported with importReportFile and
 * compared, cell by cell, with the hand-checked truth (input cells of tables 二/三/四 and printed totals).
 *
 *   npm run bench:import-accuracy
 *   BENCH_SMOKE=1 npm run bench:import-accuracy   the first 2 reports only (CI checks that the bench still runs)
 *
 * A cell is right when the import holds exactly the printed value (a blank printed cell: "0", flagged). A
 * wrong cell is "flagged" when the review screen marks it (a note of kind uncertain-cell, ambiguous-decoding
 * or blank-as-zero names it; for a printed total: one of the cells it sums); otherwise it is "silent".
 * Prints one line per file and form, then totals; the last line is one JSON object.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CELLS } from "../lib/template";
import { importReportFile } from "../lib/import";
import { corpus, expectedOf, FORMS } from "../lib/import/testing/corpus";

const FLAG_KINDS = new Set(["uncertain-cell", "ambiguous-decoding", "blank-as-zero"]);

type Tally = { cells: number; right: number; wrong: number; silent: number };
const tally = (): Tally => ({ cells: 0, right: 0, wrong: 0, silent: 0 });
const add = (a: Tally, b: Tally) => {
  a.cells += b.cells;
  a.right += b.right;
  a.wrong += b.wrong;
  a.silent += b.silent;
};

const total = tally();
const byForm = new Map<string, Tally>();
const silentList: string[] = [];
let files = 0;
let failedImports = 0;
const entries = process.env.BENCH_SMOKE === "1" ? corpus().slice(0, 2) : corpus();
for (const e of entries) {
  const { cells, totals } = expectedOf(e.truth);
  const parts: string[] = [];
  for (const f of FORMS) {
    const bytes = new Uint8Array(readFileSync(path.join(e.dir, f.file)));
    files++;
    const r = await importReportFile(bytes, f.file);
    const t = tally();
    const flagged = new Set(r.ok ? r.notes.filter((n) => FLAG_KINDS.has(n.kind)).flatMap((n) => n.cells ?? []) : []);
    const check = (id: string, want: string, got: string | undefined, isTotal: boolean) => {
      t.cells++;
      if (got === want) {
        t.right++;
        return;
      }
      t.wrong++;
      const marked = isTotal ? (CELLS.get(id)?.sum ?? []).some((s) => flagged.has(s)) : flagged.has(id);
      if (process.env.VERBOSE) console.log(`  wrong ${e.id} ${f.form} ${id}: want ${want}, got ${got ?? "—"}${marked ? " (flagged)" : ""}`);
      if (!marked) {
        t.silent++;
        silentList.push(`${e.id} ${f.form} ${id}: want ${want}, got ${got ?? "—"}`);
      }
    };
    if (!r.ok) failedImports++;
    for (const [id, want] of Object.entries(cells)) check(id, want, r.ok ? r.content.cells[id] : undefined, false);
    for (const [id, want] of Object.entries(totals)) check(id, want, r.ok ? r.content.sourceTotals?.[id] : undefined, true);
    add(total, t);
    if (!byForm.has(f.form)) byForm.set(f.form, tally());
    add(byForm.get(f.form)!, t);
    parts.push(`${f.form} ${r.ok ? `${t.right}/${t.cells}` : `失败(${r.code})`}${t.silent ? ` silent ${t.silent}` : ""}`);
  }
  console.log(`${e.id.padEnd(40)} ${e.truth.format}  ${parts.join("  ")}`);
}
const acc = (t: Tally) => (t.cells ? Math.round((t.right / t.cells) * 10000) / 10000 : 1);
console.log("");
for (const [form, t] of byForm) console.log(`${form.padEnd(8)} cells ${t.cells}, right ${t.right}, wrong ${t.wrong} (flagged ${t.wrong - t.silent}, silent ${t.silent}), accuracy ${acc(t)}`);
for (const s of silentList) console.log(`SILENT ${s}`);
console.log(
  JSON.stringify({
    reports: entries.length,
    files,
    failed_imports: failedImports,
    cells: total.cells,
    right: total.right,
    wrong: total.wrong,
    flagged_wrong: total.wrong - total.silent,
    silent_wrong: total.silent,
    cell_accuracy: acc(total),
    by_form: Object.fromEntries([...byForm].map(([k, t]) => [k, acc(t)])),
  }),
);
