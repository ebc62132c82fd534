/**
 * The register (台账) as XLSX, and an uploaded 台账 (XLSX or CSV) as rows of strings. exceljs; no database.
 */
import ExcelJS from "exceljs";
import { applicantTypeLabel, MAX_IMPORT_ROWS, METHOD_LABELS, parseCsv, resultLabel, SHEET_COLUMNS, type ApplicationInput, type Method } from "@/lib/register";

export type RegisterSheetEntry = { seq: number; carried: boolean; due: string; input: ApplicationInput };

export async function registerXlsx(title: string, entries: readonly RegisterSheetEntry[], personal: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "年报通";
  const ws = wb.addWorksheet("依申请公开台账");
  const cols = SHEET_COLUMNS.filter((c) => personal || !c.personal);
  ws.addRow([title]).font = { bold: true, size: 13 };
  if (!personal) ws.addRow(["（不含申请人姓名和联系方式）"]);
  const header = ws.addRow(cols.map((c) => c.label));
  header.font = { bold: true };
  for (const e of entries) {
    ws.addRow(
      cols.map((c) => {
        switch (c.field) {
          case "seq":
            return e.seq;
          case "carried":
            return e.carried ? "是" : "";
          case "due":
            return e.due;
          case "method":
            return METHOD_LABELS[e.input.method as Method] ?? e.input.method;
          case "applicantType":
            return applicantTypeLabel(e.input.applicantType);
          case "result":
            return resultLabel(e.input.result);
          default:
            return e.input[c.field];
        }
      }),
    );
  }
  cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.field === "content" || c.field === "result" ? 36 : c.field === "seq" ? 6 : 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}


/** A cell of an uploaded sheet as the text it shows (dates as YYYY-MM-DD, formulas as their result). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) {
    // exceljs gives dates as UTC midnight of the day shown in the sheet
    return v.toISOString().slice(0, 10);
  }
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
    return "";
  }
  return String(v);
}

/**
 * An uploaded 台账 as rows of strings (first sheet for XLSX), starting at its header row: the first row with
 * at least three non-empty cells. `headerRow` is its 1-based row number in the file.
 */
export async function readRegisterUpload(name: string, bytes: Uint8Array): Promise<{ rows: string[][]; headerRow: number }> {
  let all: string[][];
  if (/\.csv$|\.txt$/i.test(name)) {
    let text = new TextDecoder("utf-8").decode(bytes);
    if (text.includes("\uFFFD")) text = new TextDecoder("gb18030").decode(bytes);
    all = parseCsv(text);
  } else {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    all = [];
    if (ws) {
      for (let r = 1; r <= Math.min(ws.rowCount, 2 * MAX_IMPORT_ROWS); r++) {
        const row = ws.getRow(r);
        const out: string[] = [];
        for (let c = 1; c <= ws.columnCount; c++) out.push(cellText(row.getCell(c).value).trim());
        all.push(out);
      }
    }
  }
  const h = all.findIndex((r) => r.filter((c) => c.trim()).length >= 3);
  if (h < 0) return { rows: [], headerRow: 1 };
  // empty rows at the end are no applications; one row past the limit is kept, so that a longer file is
  // refused as such (it was cut at the limit without a word: applications missing from 表三)
  let end = all.length;
  while (end > h + 1 && all[end - 1]!.every((c) => !c.trim())) end--;
  return { rows: all.slice(h, Math.min(end, h + 2 + MAX_IMPORT_ROWS)), headerRow: h + 1 };
}
