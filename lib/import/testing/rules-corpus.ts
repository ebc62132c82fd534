/**
 * Every real published report the project holds — the five samples (shared/samples, kept as
 * tests/fixtures/samples) and the importer's corpus (tests/fixtures/import/corpus) — imported from its text
 * and checked by the rules, with the hand labels of tests/fixtures/rules-labels/<id>.json. Shared by
 * `npm run bench:rules` (bench/rules.ts) and the labels test (lib/report/rules-labels.test.ts).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { TEXT_FIELDS, type ReportContent } from "@/lib/template";
import { checkStatement, computeTotals, readStatements, validateReport, type Finding, type OrganKind, type Statement } from "@/lib/report";
import { importReportText } from "../text";
import { corpus } from "./corpus";

const ROOT = path.resolve(import.meta.dirname, "../../..");
export const SAMPLES_DIR = path.join(ROOT, "tests/fixtures/samples");
export const LABELS_DIR = path.join(ROOT, "tests/fixtures/rules-labels");

export type RealReport = { id: string; year: number; organKind: OrganKind; text: string };

/** The sample reports: file name → year (their README). */
const SAMPLES: Record<string, number> = {
  "xinyuan-town-2023": 2023,
  "xigebi-town-2023": 2023,
  "zhangliang-town-2023": 2023,
  "longquan-town-2022": 2022,
  "taole-town-2023": 2023,
};

const kindOf = (id: string): OrganKind => (/bureau/.test(id) ? "DEPARTMENT" : "TOWNSHIP");

export function realReports(): RealReport[] {
  const out: RealReport[] = [];
  for (const [id, year] of Object.entries(SAMPLES)) {
    const file = path.join(SAMPLES_DIR, `${id}.txt`);
    if (existsSync(file)) out.push({ id, year, organKind: kindOf(id), text: readFileSync(file, "utf8") });
  }
  for (const e of corpus()) out.push({ id: e.id, year: e.truth.year, organKind: kindOf(e.id), text: readFileSync(path.join(e.dir, "source.txt"), "utf8") });
  return out;
}

/** A statement the text makes, with whether the tables make it true (null: the tables cannot tell). */
export type CheckedStatement = { key: string; statement: Statement; holds: boolean | null; table: number | null };

export type RulesRun = { report: RealReport; content: ReportContent; findings: Finding[]; statements: CheckedStatement[] };

export const statementKey = (s: Statement) => `${s.field}:${s.subject}:${s.value}`;

export function runRules(r: RealReport): RulesRun {
  const imported = importReportText(r.text, { expectedYear: r.year });
  const content = imported.content;
  const findings = validateReport(content, { year: r.year, organKind: r.organKind, reportKind: "ORGAN" });
  const totals = computeTotals(content.cells);
  const statements = TEXT_FIELDS.flatMap((f) => readStatements(f.id, content.text[f.id] ?? "", r.year)).map((s) => {
    const c = checkStatement(s, content, totals);
    return { key: statementKey(s), statement: s, holds: c.holds, table: c.table };
  });
  return { report: r, content, findings, statements };
}

/**
 * The hand labels of one report: every finding's key → true (a real problem of the published report),
 * false (a false alarm) or null (not counted: about a part the stored copy does not hold — a corpus page
 * cut off before 五/六 or the end of table 三, an opening the import generated because the file prints
 * none, 一's five topics in a report of the 2019 format), with a note; the text's statements that
 * contradict its tables, as statement keys (field:subject:value) — each must be found by a finding (T1);
 * and, for the record, every statement the reader found with whether the tables make it true.
 */
export type RulesLabels = {
  report: string;
  findings: Record<string, { real: boolean | null; note: string }>;
  contradictions: { key: string; note: string }[];
  statements_read?: string[];
};

export function readLabels(id: string): RulesLabels | null {
  const file = path.join(LABELS_DIR, `${id}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as RulesLabels) : null;
}

export function labelledIds(): string[] {
  return existsSync(LABELS_DIR) ? readdirSync(LABELS_DIR).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)) : [];
}

export type Score = {
  /** Findings counted (labelled true or false). */
  findings: number;
  real: number;
  falseAlarms: number;
  /** Findings about parts the stored copy does not hold (label null). */
  excluded: number;
  unlabelled: string[];
  missed: string[];
  statements: number;
  /** Statements the tables make true / false / cannot tell. */
  holds: number;
  contradicts: number;
};

/** A run against its labels. */
export function score(run: RulesRun, labels: RulesLabels | null): Score {
  const s: Score = {
    findings: 0,
    real: 0,
    falseAlarms: 0,
    excluded: 0,
    unlabelled: [],
    missed: [],
    statements: run.statements.length,
    holds: run.statements.filter((x) => x.holds === true).length,
    contradicts: run.statements.filter((x) => x.holds === false).length,
  };
  for (const f of run.findings) {
    const l = labels?.findings[f.key];
    if (!l) {
      s.unlabelled.push(f.key);
      s.findings++;
    } else if (l.real === null) s.excluded++;
    else {
      s.findings++;
      if (l.real) s.real++;
      else s.falseAlarms++;
    }
  }
  const t1 = new Set(run.findings.filter((f) => f.rule === "T1").map((f) => f.key.slice(3)));
  for (const c of labels?.contradictions ?? []) if (!t1.has(c.key)) s.missed.push(c.key);
  return s;
}
