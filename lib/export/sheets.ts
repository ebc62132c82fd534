/**
 * Spreadsheets for the 主管部门: a roll-up and a dashboard as XLSX (exceljs) — the roll-up in the official
 * layout of tables 二/三/四 with their merged headers, plus one long sheet of organ × cell with the
 * official labels — and as CSV in UTF-8 with a BOM, so that Excel and WPS open it in Chinese. Every
 * label comes from lib/template. No server-only: the benchmark writes XLSX under plain node.
 */
import ExcelJS from "exceljs";
import { CELLS, INPUT_CELLS, TABLES, sectionByKey, sectionHeading, type CellValues, type GridRow, type TableDef } from "@/lib/template";
import { computeTotals, type Totals } from "@/lib/report";

/** A value as the sheet stores it: counts as numbers (exact up to 2^53), amounts as numbers with their decimals. */
function sheetValue(raw: string): number | string {
  if (raw === "") return "";
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  if (/^\d+$/.test(raw) && !Number.isSafeInteger(n)) return raw; // beyond exact integers: keep the digits
  return n;
}
function decimalsOf(raw: string): number {
  const m = /\.(\d+)$/.exec(raw);
  return m ? m[1]!.length : 0;
}

type Placed = { r: number; c: number; rs: number; cs: number; text: string | null; cellId: string | null; header: boolean };

/** Places a table's grid rows on a matrix (HTML row-span semantics), as the editor and the exports draw it. */
export function placeGrid(def: TableDef): { rows: number; placed: Placed[] } {
  const rows: readonly GridRow[] = [...def.headerRows, ...def.bodyRows];
  const occupied = rows.map(() => new Array<boolean>(def.columnCount).fill(false));
  const placed: Placed[] = [];
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (c < def.columnCount && occupied[r]![c]) c++;
      const cs = cell.colSpan;
      const rs = cell.type === "text" ? cell.rowSpan : 1;
      for (let i = r; i < Math.min(r + rs, rows.length); i++) for (let j = c; j < c + cs; j++) occupied[i]![j] = true;
      placed.push({
        r,
        c,
        rs,
        cs,
        text: cell.type === "text" ? cell.text : null,
        cellId: cell.type === "value" ? cell.cellId : null,
        header: row.kind !== "data" || (cell.type === "text" && cell.role !== "label"),
      });
      c += cs;
    }
  });
  return { rows: rows.length, placed };
}

const thin = { style: "thin" as const, color: { argb: "FF808080" } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const HEADER_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFF1F5F9" } };

/** Writes tables 二/三/四 with `cells` (and their totals) in the official layout from `startRow`; returns the next free row. */
function writeTables(ws: ExcelJS.Worksheet, cells: CellValues, totals: Totals, startRow: number): number {
  let row = startRow;
  for (const def of TABLES) {
    ws.getCell(row, 1).value = sectionHeading(sectionByKey(def.section));
    ws.getCell(row, 1).font = { bold: true, size: 12 };
    row += 1;
    const { rows, placed } = placeGrid(def);
    for (const p of placed) {
      const top = row + p.r;
      const left = 1 + p.c;
      if (p.rs > 1 || p.cs > 1) ws.mergeCells(top, left, top + p.rs - 1, left + p.cs - 1);
      const cell = ws.getCell(top, left);
      if (p.cellId) {
        const def2 = CELLS.get(p.cellId)!;
        const raw = def2.computed ? String(totals[p.cellId] ?? "") : (cells[p.cellId] ?? "");
        cell.value = sheetValue(raw);
        if (def2.kind === "decimal" && decimalsOf(raw) > 0) cell.numFmt = `0.${"0".repeat(decimalsOf(raw))}`;
        cell.alignment = { horizontal: "right", vertical: "middle" };
        if (def2.computed) cell.font = { bold: true };
      } else {
        cell.value = p.text ?? "";
        cell.alignment = { horizontal: p.header ? "center" : "left", vertical: "middle", wrapText: true };
        if (p.header) cell.fill = HEADER_FILL;
      }
      for (let i = 0; i < p.rs; i++) for (let j = 0; j < p.cs; j++) ws.getCell(top + i, left + j).border = BORDER;
    }
    row += rows + 1;
  }
  return row;
}

export type SheetMember = {
  organName: string;
  organKind: string;
  report: string;
  status: string;
  included: boolean;
  reason: string | null;
  deadline: string;
  late: boolean;
};

export type RollupSheetInput = {
  title: string;
  /** e.g. 已计入 3 / 4 个下级机关 */
  note: string;
  cells: CellValues;
  members: readonly SheetMember[];
  /** The reports in the sum, with their own cells. */
  sources: readonly { organName: string; cells: CellValues }[];
};

const LONG_HEADER = ["机关", "表", "行", "列", "单元格编号", "数值"];

/** The roll-up as a workbook: 汇总表 (official layout), 明细 (organ × cell), 下级机关 (who is in, who is not). */
export async function rollupXlsx(input: RollupSheetInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "年报通";
  const ws = wb.addWorksheet("汇总表", { views: [{ state: "frozen", ySplit: 2 }] });
  ws.getCell(1, 1).value = input.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = input.note;
  writeTables(ws, input.cells, computeTotals(input.cells), 4);
  ws.columns.forEach((col, i) => {
    col.width = i < 3 ? 18 : 11;
  });

  const long = wb.addWorksheet("明细", { views: [{ state: "frozen", ySplit: 1 }] });
  long.addRow(LONG_HEADER).font = { bold: true };
  for (const r of longRows(input.sources)) long.addRow([...r.slice(0, 5), sheetValue(r[5] ?? "")]);
  long.columns = [{ width: 28 }, { width: 8 }, { width: 48 }, { width: 26 }, { width: 24 }, { width: 12 }];

  const who = wb.addWorksheet("下级机关", { views: [{ state: "frozen", ySplit: 1 }] });
  who.addRow(["机关", "类型", "应报送", "状态", "公开期限", "是否逾期", "是否计入汇总", "说明"]).font = { bold: true };
  for (const m of input.members)
    who.addRow([m.organName, m.organKind, m.report, m.status, m.deadline, m.late ? "逾期" : "", m.included ? "已计入" : "未计入", m.reason ?? ""]);
  who.columns = [{ width: 30 }, { width: 14 }, { width: 12 }, { width: 10 }, { width: 16 }, { width: 10 }, { width: 14 }, { width: 40 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** One row per source × input cell: organ, table, row label, column label, cell id, value. */
export function longRows(sources: readonly { organName: string; cells: CellValues }[]): string[][] {
  const out: string[][] = [];
  for (const s of sources)
    for (const c of INPUT_CELLS) {
      const table = TABLES.find((t) => t.id === c.table)!;
      out.push([s.organName, table.name, c.rowLabel, c.columnLabel, c.id, (s.cells[c.id] ?? "").trim()]);
    }
  return out;
}

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so that a spreadsheet never runs it as a formula. */
function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV in UTF-8 with a byte-order mark (Excel and WPS then read Chinese correctly), CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): Uint8Array {
  const text = [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
  return new TextEncoder().encode("\uFEFF" + text);
}

export const ROLLUP_CSV_HEADER = LONG_HEADER;

/** A table of plain rows as a one-sheet workbook (the dashboard). */
export async function tableXlsx(sheetName: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "年报通";
  const ws = wb.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow([...header]).font = { bold: true };
  for (const r of rows) ws.addRow([...r]);
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 32 : 14;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
