/**
 * Fuzzing (issue 12 item 5) with fast-check, the targets in tests/fuzz/targets.ts:
 *   save     the autosave action's payload (lib/server/save-action.ts → save service) on a scratch SQLite database
 *   import   the importer over random bytes and mutated real PDF/DOCX/TXT/HTML files
 *   paste    the clipboard parser and paste planner
 *   export   hostile text (HTML, <script>, control characters, lone surrogates) through the public portal's HTML;
 *            every EXPORT_DOCX_EVERY-th case also through the DOCX, every EXPORT_PDF_EVERY-th through the PDF
 *            (a DOCX takes ~0.3 s and a PDF ~1 s here; FUZZ_EXPORT_ALL=1 renders both for every case)
 *
 *   npm run bench:fuzz                 10,000 cases per target (FUZZ_RUNS=n to change, FUZZ_SEED=n to replay)
 *   BENCH_SMOKE=1 npm run bench:fuzz   100 cases per target
 *
 * Every case runs (a failure is counted, not shrunk). Last line: one JSON object with `cases`, `crashes`
 * (an exception escaped), `server_errors` (a 500-class answer), `bad` (a wrong answer: no Chinese message,
 * data stored half-way, markup through), and per-target counts. Goal: crashes 0, server_errors 0.
 */
import { performance } from "node:perf_hooks";
import fc from "fast-check";
import { createReport } from "@/lib/server/services/create-report";
import { actor } from "@/tests/integration/fixtures";
import { createTestDb } from "@/tests/integration/test-db";
import {
  checkExport,
  checkImport,
  checkPaste,
  checkSave,
  importInputArb,
  pasteInputArb,
  savePayloadArb,
  textContentArb,
  type Failure,
} from "@/tests/fuzz/targets";

const SMOKE = process.env.BENCH_SMOKE === "1";
const RUNS = Number(process.env.FUZZ_RUNS ?? (SMOKE ? 100 : 10_000));
const SEED = Number(process.env.FUZZ_SEED ?? 20270125);
const ALL = process.env.FUZZ_EXPORT_ALL === "1";
const DOCX_EVERY = ALL ? 1 : SMOKE ? 25 : 20;
const PDF_EVERY = ALL ? 1 : SMOKE ? 50 : 200;
const only = process.env.FUZZ_ONLY?.split(",");

type Tally = { cases: number; crashes: number; server_errors: number; bad: number; ms: number; examples: string[] };

function record(t: Tally, f: Failure | null, input: unknown) {
  t.cases++;
  if (!f) return;
  if (f.kind === "crash") t.crashes++;
  else if (f.kind === "server_error") t.server_errors++;
  else t.bad++;
  if (t.examples.length < 5) {
    let shown: string;
    try {
      shown = JSON.stringify(input, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.length} bytes>` : typeof v === "string" && v.length > 200 ? `${v.slice(0, 80)}…(${v.length})` : v));
    } catch {
      shown = String(input);
    }
    t.examples.push(`${f.kind}: ${f.message.split("\n").slice(0, 4).join(" | ")}\n      input: ${shown?.slice(0, 600)}`);
  }
}

async function target(name: string, run: (t: Tally) => Promise<void>): Promise<Tally | null> {
  if (only && !only.includes(name)) return null;
  const t: Tally = { cases: 0, crashes: 0, server_errors: 0, bad: 0, ms: 0, examples: [] };
  const started = performance.now();
  await run(t);
  t.ms = Math.round(performance.now() - started);
  console.log(`${name.padEnd(7)} ${t.cases} cases in ${(t.ms / 1000).toFixed(1)} s: ${t.crashes} crashes, ${t.server_errors} server errors, ${t.bad} wrong answers`);
  for (const e of t.examples) console.log(`    ${e}`);
  return t;
}

const originalError = console.error;
async function main() {
  console.log(`fuzz: ${RUNS} cases per target, seed ${SEED}${SMOKE ? " (smoke)" : ""}`);
  const results: Record<string, Tally | null> = {};
  let docx = 0;
  let pdf = 0;

  results.save = await target("save", async (t) => {
    const db = await createTestDb("sqlite");
    try {
      const user = await actor(db.db, "chengguan");
      const r = await createReport(user, { year: 2024 }, db.db);
      if (!r.ok) throw new Error(r.message);
      const st = { db: db.db, user, reportId: r.reportId };
      // the action logs unexpected exceptions (they are counted as server errors); keep the output short
      console.error = () => {};
      await fc.check(
        fc.asyncProperty(savePayloadArb, async (p) => {
          record(t, await checkSave(st, p), p);
          return true;
        }),
        { seed: SEED, numRuns: RUNS },
      );
    } finally {
      console.error = originalError;
      await db.cleanup();
    }
  });

  results.import = await target("import", async (t) => {
    await fc.check(
      fc.asyncProperty(importInputArb(), async (x) => {
        record(t, await checkImport(x), x);
        return true;
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  results.paste = await target("paste", async (t) => {
    fc.check(
      fc.property(pasteInputArb, (x) => {
        record(t, checkPaste(x), x);
        return true;
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  results.export = await target("export", async (t) => {
    let n = 0;
    await fc.check(
      fc.asyncProperty(textContentArb, async (x) => {
        n++;
        const withDocx = n % DOCX_EVERY === 0;
        const withPdf = n % PDF_EVERY === 0;
        if (withDocx) docx++;
        if (withPdf) pdf++;
        record(t, await checkExport(x, { docx: withDocx, pdf: withPdf }), x);
        return true;
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  const done = Object.values(results).filter((r): r is Tally => r !== null);
  const sum = (k: "cases" | "crashes" | "server_errors" | "bad") => done.reduce((n, r) => n + r[k], 0);
  const out: Record<string, number> = {
    cases: sum("cases"),
    crashes: sum("crashes"),
    server_errors: sum("server_errors"),
    bad: sum("bad"),
  };
  for (const [name, r] of Object.entries(results)) {
    if (!r) continue;
    out[`${name}_cases`] = r.cases;
    out[`${name}_failures`] = r.crashes + r.server_errors + r.bad;
    out[`${name}_ms`] = r.ms;
  }
  if (results.export) {
    out.export_docx_cases = docx;
    out.export_pdf_cases = pdf;
  }
  console.log(JSON.stringify(out));
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error = originalError;
  console.error(e);
  process.exit(1);
});
