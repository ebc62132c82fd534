/**
 * An uploaded import file (CSV or XLSX) as rows of strings: row i is the file's row i + 1, as the
 * spreadsheet numbers it. exceljs; no database. The rows go to readOrganTable (organ-import.ts) or
 * readUserTable (user-import.ts).
 */
import ExcelJS from "exceljs";
import { cellText } from "@/lib/export/register-sheet";
import { csvRows, decodeCsvBytes } from "./organ-import";
import { MAX_ORGAN_IMPORT_ROWS, organFileProblem } from "./organ-import-columns";

export type OrganFileRead =
  | { ok: true; rows: string[][]; format: "CSV" | "XLSX"; encoding?: string }
  | { ok: false; message: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0]; // an old .xls (or .doc) file
const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((v, i) => b[i] === v);

/** What a kind of import accepts: its most data rows, and why a file (name, size) cannot be one (organFileProblem). */
export type ImportFileLimits = { maxRows: number; fileProblem: (name: string, size: number) => string | null };

const ORGAN_FILE: ImportFileLimits = { maxRows: MAX_ORGAN_IMPORT_ROWS, fileProblem: organFileProblem };

export async function readOrganImportFile(name: string, bytes: Uint8Array): Promise<OrganFileRead> {
  return readImportFile(name, bytes, ORGAN_FILE);
}

export async function readImportFile(name: string, bytes: Uint8Array, limits: ImportFileLimits): Promise<OrganFileRead> {
  const problem = limits.fileProblem(name, bytes.length);
  if (problem) return { ok: false, message: problem };
  if (startsWith(bytes, CFB)) return { ok: false, message: limits.fileProblem("x.xls", 1)! };
  if (startsWith(bytes, ZIP)) return readXlsx(bytes, limits.maxRows);
  if (/\.xlsx$/i.test(name)) return { ok: false, message: "该文件不是有效的 XLSX 文件（可能已损坏，或只是改了扩展名）" };
  const decoded = decodeCsvBytes(bytes);
  if (!decoded) return { ok: false, message: "无法识别该 CSV 文件的编码：请在 Excel 或 WPS 中另存为 CSV（UTF-8）或 XLSX 后重新上传" };
  return { ok: true, rows: csvRows(decoded.text), format: "CSV", encoding: decoded.encoding };
}

async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<OrganFileRead> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: "无法读取该 XLSX 文件（可能已损坏）：请在 Excel 或 WPS 中重新保存后上传" };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, message: "XLSX 文件中没有工作表" };
  const rows: string[][] = [];
  let filled = 0;
  ws.eachRow((row, n) => {
    // a row past the limit is kept, so that the file is refused as too long (never cut short)
    if (filled > maxRows + 1) return;
    const out: string[] = [];
    row.eachCell((cell, c) => {
      out[c - 1] = cellText(cell.value);
    });
    for (let i = 0; i < out.length; i++) out[i] ??= "";
    if (out.some((c) => c.trim())) filled++;
    rows[n - 1] = out;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { ok: true, rows, format: "XLSX" };
}
