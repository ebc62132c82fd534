/**
 * Round trip through the app's own exporters: a report exported to PDF (react-pdf) and DOCX (docx) and
 * imported back must give every cell and every section text again.
 */
import { describe, expect, it } from "vitest";
import { CELLS, INPUT_CELLS, T3_ROWS, T3_INPUT_COLUMNS, TEXT_FIELDS, t3CellId, type ReportContent } from "@/lib/template";
import { computeTotals, type ReportStatus } from "@/lib/report";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { buildViewModel } from "@/lib/export/build-view-model";
import { renderPdf } from "@/lib/export/pdf/render";
import { renderDocx } from "@/lib/export/docx/render";
import { importReportFile } from "./file";
import type { ImportFileSuccess } from "./types";

const squeeze = (s: string) => s.replace(/\s+/g, "");

/** Every input cell a different number (so that a shifted row or column shows), the fee a decimal. */
function distinctContent(): ReportContent {
  const c = zhangliangContent();
  let k = 1;
  for (const def of INPUT_CELLS) {
    if (def.table === "t3") continue;
    c.cells[def.id] = def.kind === "decimal" ? "1.2345" : String(k++);
  }
  T3_ROWS.filter((r) => !r.computed).forEach((row, ri) => {
    T3_INPUT_COLUMNS.forEach((col, ci) => {
      c.cells[t3CellId(row.id, col.id)] = String((ri * 7 + ci * 3) % 23);
    });
  });
  // A table that balances (E1: 一 + 二 = （七）总计 + 四), as a published report's should: 四 follows.
  T3_INPUT_COLUMNS.forEach((col) => {
    const v = (r: string) => Number(c.cells[t3CellId(r, col.id)]);
    const handled = T3_ROWS.filter((r) => r.isResult).reduce((a, r) => a + v(r.id), 0);
    c.cells[t3CellId("new", col.id)] = String(handled + v("new"));
    c.cells[t3CellId("carryover", col.id)] = String(v("new") + v("carried") - handled);
  });
  return c;
}

async function roundTrip(kind: "pdf" | "docx", content: ReportContent, status: ReportStatus): Promise<ImportFileSuccess> {
  const vm = buildViewModel({ year: 2023, status, content });
  const bytes = kind === "pdf" ? await renderPdf(vm) : await renderDocx(vm);
  const r = await importReportFile(new Uint8Array(bytes), `report.${kind}`);
  if (!r.ok) throw new Error(r.message);
  return r;
}

function expectSame(r: ImportFileSuccess, content: ReportContent) {
  expect(r.year).toBe(2023);
  expect(r.format).toBe("2021");
  expect(r.content.cells).toEqual(content.cells);
  const totals = computeTotals(content.cells);
  const printed = Object.fromEntries([...CELLS.values()].filter((c) => c.computed).map((c) => [c.id, String(totals[c.id])]));
  expect(r.content.sourceTotals).toEqual(printed);
  for (const f of TEXT_FIELDS) expect(squeeze(r.content.text[f.id] ?? ""), f.id).toBe(squeeze(content.text[f.id] ?? ""));
  expect(squeeze(r.content.header.opening)).toBe(squeeze(content.header.opening));
  expect(r.content.header.organName).toBe(content.header.organName);
  expect(r.content.header.signDate).toBe(content.header.signDate);
  for (const k of ["ambiguous-decoding", "uncertain-cell", "blank-as-zero", "missing-section", "duplicate-section", "unplaced-paragraph"]) {
    expect(r.notes.filter((n) => n.kind === k), k).toEqual([]);
  }
}

describe.each(["pdf", "docx"] as const)("round trip through the %s exporter", (kind) => {
  it("the zhangliang demo report (published)", async () => {
    const content = zhangliangContent();
    content.header.signDate = "2024年1月19日";
    const r = await roundTrip(kind, content, "PUBLISHED");
    expect(r.organName).toBe("鲁山县张良镇人民政府");
    expectSame(r, content);
  }, 60_000);

  it("blank cells come back as 0 with a blank-as-zero note naming exactly them", async () => {
    const content = distinctContent();
    const blanks = [
      "t2.rules.repealed",
      t3CellId("new", "natural"),
      t3CellId("deny3", "legal"),
      t3CellId("carryover", "otherOrg"),
      "t4.review.corrected",
      "t4.after.pending",
    ];
    for (const id of blanks) content.cells[id] = "";
    const r = await roundTrip(kind, content, "PUBLISHED");
    const expected = { ...content.cells, ...Object.fromEntries(blanks.map((id) => [id, "0"])) };
    expect(r.content.cells).toEqual(expected);
    const noted = r.notes.filter((n) => n.kind === "blank-as-zero").flatMap((n) => n.cells ?? []);
    expect(noted.sort()).toEqual([...blanks].sort());
    expect(r.notes.filter((n) => n.kind === "ambiguous-decoding")).toEqual([]);
    // Blanking cells unbalanced table 三 (E1 in three columns): exactly those checks flag their cells, each
    // note holding one of the blanked cells; nothing else is flagged.
    const uncertain = r.notes.filter((n) => n.kind === "uncertain-cell");
    expect(uncertain.length).toBeGreaterThan(0);
    // A check's note names a row or a column of the table (or a group of table 四) that holds a blanked cell.
    const lineOf = (id: string) => { const [t, row, col] = id.split("."); return [`${t}.${row}`, `${t}.*.${col}`]; };
    const touched = new Set(blanks.flatMap(lineOf));
    for (const n of uncertain) expect(n.cells!.some((id) => lineOf(id).some((l) => touched.has(l))), n.message).toBe(true);
  }, 60_000);

  it("a report with a different number in every cell, as a draft (watermark)", async () => {
    const content = distinctContent();
    content.header.signDate = "2024年1月19日";
    const r = await roundTrip(kind, content, "DRAFT");
    expectSame(r, content);
  }, 60_000);
});
