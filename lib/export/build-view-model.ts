/**
 * Builds the render-ready view model from a stored report. The PDF and DOCX renderers draw only this;
 * every label comes from lib/template, every total from lib/report.
 */
import {
  CELLS,
  SECTIONS,

  reportTitleSuffix,
  sectionHeading,
  tableOfSection,
  textFieldsOf,
  type GridRow,
  type ReportContent,
  type TableDef,
} from "@/lib/template";
import { computeTotals, feeStatement, isFinal, printedFieldText, readCell, type ReportStatus, type Totals } from "@/lib/report/client";
import type { Block, Table, TableRow, ViewModel } from "./view-model";

export type ExportSource = { year: number; status: ReportStatus; content: ReportContent };

// a run of two or more spaces (ASCII or full-width) touching a Chinese character or punctuation mark: the
// template's blanks left around what was typed into them (「地址：人民路1号    ；」), which a printed line
// would stretch; Chinese prose has no such runs
const CJK = "\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef";
const STRAY_BLANKS = new RegExp(`(?<=[${CJK}])[ \\u3000]{2,}|[ \\u3000]{2,}(?=[${CJK}])`, "g");

/** Splits text into paragraphs at line breaks, dropping empty lines and stray runs of blanks inside Chinese text. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.replace(STRAY_BLANKS, "").trim())
    .filter(Boolean);
}

/** The title's lines: the author's break if given, else organ name / "YYYY年政府信息公开工作年度报告". */
export function titleLines(organName: string, year: number, titleBreak: number | null): string[] {
  const full = `${organName}${reportTitleSuffix(year)}`;
  const at = titleBreak ?? organName.length;
  if (at <= 0 || at >= full.length) return [full];
  return [full.slice(0, at), full.slice(at)];
}

function cellText(content: ReportContent, totals: Totals, id: string): string {
  const def = CELLS.get(id)!;
  if (def.computed) {
    const v = totals[id];
    return v == null ? "" : String(v);
  }
  const raw = content.cells[id] ?? "";
  const r = readCell(raw, def.kind);
  if (r.state !== "valid") return raw.trim();
  return def.kind === "count" ? String(r.value) : raw.trim();
}

/**
 * `blocks`: a table of titled blocks with their own column headers (表二's 第二十条第（一）项…): a block is never
 * split over two pages, since the next page would show its rows without the header that names its columns.
 */
function rowsOf(grid: readonly GridRow[], content: ReportContent, totals: Totals, blocks = false): TableRow[] {
  return grid.map((row, i): TableRow => {
    if (row.kind === "title") {
      const first = row.cells[0]!;
      return { kind: "title", text: first.type === "text" ? first.text : "", align: "left" };
    }
    return {
      kind: "cells",
      keepWithNext: row.kind === "header" || (blocks && i + 1 < grid.length && grid[i + 1]!.kind !== "title"),
      cells: row.cells.map((c) =>
        c.type === "text"
          ? {
              text: c.text,
              colSpan: c.colSpan,
              rowSpan: c.rowSpan,
              align: c.role === "label" ? "left" : "center",
              bold: c.role === "header" || c.role === "corner" ? false : undefined,
            }
          : { text: cellText(content, totals, c.cellId), colSpan: c.colSpan, align: "center" },
      ),
    };
  });
}

const TABLE_FONT_SIZE: Record<TableDef["id"], number> = { t2: 12, t3: 9, t4: 9 };

function table(def: TableDef, content: ReportContent, totals: Totals): Table {
  return {
    id: def.id,
    columns: [...def.columnWidths],
    header: rowsOf(def.headerRows, content, totals),
    body: rowsOf(def.bodyRows, content, totals, def.id === "t2"),
    fontSize: TABLE_FONT_SIZE[def.id],
    face: "Song",
  };
}

export function buildViewModel(src: ExportSource): ViewModel {
  const { content, year } = src;
  const totals = computeTotals(content.cells);
  const blocks: Block[] = [];
  const para = (text: string) => {
    for (const p of paragraphs(text)) blocks.push({ kind: "paragraph", text: p });
  };
  for (const section of SECTIONS) {
    blocks.push({ kind: "heading1", text: sectionHeading(section) });
    const def = tableOfSection(section.key);
    if (def) {
      blocks.push({ kind: "table", table: table(def, content, totals) });
      continue;
    }
    if (section.key === "s6") para(feeStatement(content.fee));
    for (const field of textFieldsOf(section.key)) {
      // A text that starts with the heading printed before it (pasted from last year's Word file) prints it once.
      const text = printedFieldText(field.id, content.text[field.id] ?? "");
      if (field.heading && text.trim()) blocks.push({ kind: "heading2", text: field.heading });
      para(text);
    }
  }
  const organName = content.header.organName.trim();
  const title = titleLines(organName, year, content.header.titleBreak);
  return {
    title,
    opening: paragraphs(content.header.opening),
    blocks,
    signature: { organName, date: content.header.signDate.trim() },
    draft: !isFinal(src.status),
    meta: { title: title.join(""), author: organName, subject: "政府信息公开工作年度报告" },
  };
}

/** `张良镇2023年政府信息公开工作年度报告.pdf` */
export function exportFileName(organName: string, year: number, ext: "pdf" | "docx"): string {
  return `${organName}${reportTitleSuffix(year)}.${ext}`;
}

