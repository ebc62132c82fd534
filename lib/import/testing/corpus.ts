/**
 * The corpus of real published reports (tests/fixtures/import/corpus, see its README): each report's
 * hand-checked truth as printed, the cells an import must produce from it, and the forms it is kept in.
 * Shared by the accuracy bench (bench/import-accuracy.ts), the mutation tests and the fixture generator.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { T2_BLOCKS, t2CellId, t3CellId, T3_INPUT_COLUMNS, T3_ROWS } from "@/lib/template";

export const CORPUS_DIR = path.resolve(import.meta.dirname, "../../../tests/fixtures/import/corpus");

/** Table 二 rows as printed. 2021 format: the row's columns; 2019 format: its old columns (see README). */
export type Truth = {
  organ: string;
  year: number;
  format: "2021" | "2019";
  url: string;
  /** Where the stored copy of the page ends. */
  cut: string;
  note?: string;
  t2: Partial<Record<string, string[]>>;
  /** Table 三 rows printed whole: six applicant columns then 总计. */
  t3?: Partial<Record<string, string[]>>;
  /** Table 四's fifteen cells, when printed. */
  t4?: string[];
};

export type CorpusEntry = { id: string; dir: string; truth: Truth };

export function corpus(): CorpusEntry[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(CORPUS_DIR, d.name, "truth.json")))
    .map((d) => ({
      id: d.name,
      dir: path.join(CORPUS_DIR, d.name),
      truth: JSON.parse(readFileSync(path.join(CORPUS_DIR, d.name, "truth.json"), "utf8")) as Truth,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The forms each report is kept in, as file names in its folder. */
export const FORMS = [
  { form: "crawled", file: "source.txt" },
  { form: "flat", file: "flat.txt" },
  { form: "html", file: "page.html" },
  { form: "pdf", file: "page.pdf" },
  { form: "docx", file: "page.docx" },
] as const;

const T2_ROW_IDS = T2_BLOCKS.flatMap((b) => b.rows.map((r) => r.id));

/** A blank printed cell is imported as 0 (and flagged). */
const asImported = (v: string) => (v.trim() === "" ? "0" : v.trim());

/**
 * What an import must give: input cells (id → value) and printed totals (id → value). Cells of the 2019
 * format without a 2021 counterpart (本年新公开数量, 上一年项目数量, 本年增/减, 其他对外管理服务事项,
 * 行政事业性收费's item counts, 政府集中采购) are not expected anywhere.
 */
export function expectedOf(t: Truth): { cells: Record<string, string>; totals: Record<string, string> } {
  const cells: Record<string, string> = {};
  const totals: Record<string, string> = {};
  for (const row of T2_ROW_IDS) {
    const v = t.t2[row];
    if (!v) continue;
    const block = T2_BLOCKS.find((b) => b.rows.some((r) => r.id === row))!;
    if (t.format === "2021") {
      block.columns.forEach((c, k) => {
        if (v[k] !== undefined) cells[t2CellId(row, c.id)] = asImported(v[k]!);
      });
    } else if (block.id === "item1") {
      cells[t2CellId(row, "issued")] = asImported(v[0]!);
      cells[t2CellId(row, "valid")] = asImported(v[2]!);
    } else if (block.id === "item5" || block.id === "item6") {
      cells[t2CellId(row, "decisions")] = asImported(v[2]!);
    }
  }
  for (const row of T3_ROWS) {
    const v = t.t3?.[row.id];
    if (!v) continue;
    if (row.computed) {
      T3_INPUT_COLUMNS.forEach((c, k) => v[k]?.trim() && (totals[t3CellId(row.id, c.id)] = v[k]!.trim()));
    } else T3_INPUT_COLUMNS.forEach((c, k) => (cells[t3CellId(row.id, c.id)] = asImported(v[k]!)));
    if (v[6] !== undefined && v[6].trim() !== "") totals[t3CellId(row.id, "total")] = v[6].trim();
  }
  return { cells, totals };
}
