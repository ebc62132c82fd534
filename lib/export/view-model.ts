/**
 * The render-ready view model of a report, shared by the exporters.
 *
 * Built from stored content + lib/template by `buildViewModel(report)`; the exporters only draw
 * it. Everything is final text: numbers are already formatted, computed totals already filled in,
 * labels verbatim from the official format.
 */

export type Align = "left" | "center" | "right";

/** One cell of a table row. */
export type TableCell = {
  text: string;
  /** Number of grid columns the cell covers (≥ 1). */
  colSpan: number;
  /**
   * Number of rows the cell covers downwards (≥ 1, default 1), counted within its part of the
   * table (header rows or body rows; a span never crosses from the header into the body).
   * As in HTML, rows below do not list the positions a spanning cell covers.
   */
  rowSpan?: number;
  align: Align;
  /** Drawn in 黑体. */
  bold?: boolean;
};

export type TableRow =
  /** A caption row spanning the whole table, e.g. "第二十条第（一）项". Never separated from the next row. */
  | { kind: "title"; text: string; align?: Align; bold?: boolean }
  | {
      kind?: "cells";
      cells: TableCell[];
      /** Keep this row on the same page as the next one (e.g. a block's own header row). */
      keepWithNext?: boolean;
    };

export type Table = {
  /** Stable id, e.g. "table2"; useful for tests and anchors. */
  id: string;
  /** Column widths as fractions of the text width; they should sum to 1. */
  columns: number[];
  /** Header rows, repeated at the top of every page the table continues on. May be empty. */
  header: TableRow[];
  /** Body rows. A page break may fall between any two body rows (never inside a row). */
  body: TableRow[];
  /** Text size in pt; default 10.5 (5号). */
  fontSize?: number;
  /** Face of the table text; default "FangSong". Bold cells use 黑体. */
  face?: "FangSong" | "Song";
};

export type Block =
  /** "一、总体情况" — 3号黑体. */
  | { kind: "heading1"; text: string }
  /** "（一）主动公开" — 3号楷体. */
  | { kind: "heading2"; text: string }
  /** Body paragraph, 3号仿宋, first line indented two characters. */
  | { kind: "paragraph"; text: string }
  | { kind: "table"; table: Table };

export type ViewModel = {
  /**
   * Title lines, already broken where the author wants (organ name / "YYYY年政府信息公开工作年度报告").
   * A line too long for the text width wraps further.
   */
  title: string[];
  /** Opening paragraph(s) before section 一 (legal basis, period, where published, contact). */
  opening: string[];
  /** The six sections, in order, as headings, paragraphs and tables. */
  blocks: Block[];
  /** 署名 and 成文日期, e.g. { organName: "鲁山县张良镇人民政府", date: "2024年1月19日" }. */
  signature: { organName: string; date: string };
  /** Draw a light diagonal "草稿" watermark on every page. */
  draft: boolean;
  /** PDF document properties. */
  meta?: {
    title?: string;
    author?: string;
    subject?: string;
    /** Fixed creation date for reproducible output; default: now. */
    creationDate?: Date;
  };
};

/** All the text a view model draws, e.g. to check glyph coverage with missingGlyphs(). */
export function viewModelText(vm: ViewModel): string {
  const parts: string[] = [...vm.title, ...vm.opening, vm.signature.organName, vm.signature.date];
  for (const b of vm.blocks) {
    if (b.kind !== "table") {
      parts.push(b.text);
      continue;
    }
    for (const row of [...b.table.header, ...b.table.body]) {
      if (row.kind === "title") parts.push(row.text);
      else for (const cell of row.cells) parts.push(cell.text);
    }
  }
  return parts.join("\n");
}
