// The organ import file's shape: its columns, limits, template and the preview the server sends back.
// Client-safe (no zod, no exceljs): the upload form shows the columns and limits from here; the planner
// (organ-import.ts) and the template route use the same.
import { ORGAN_FIELD_LABELS } from "@/lib/labels";
import { ORGAN_KIND_INFO } from "@/lib/report/organ-levels";

export type OrganImportField = "fullName" | "shortName" | "kind" | "parent" | "sortOrder";

/** The file's columns, found by their header label in any order. */
export const ORGAN_IMPORT_COLUMNS: readonly { field: OrganImportField; label: string; required: boolean }[] = [
  { field: "fullName", label: ORGAN_FIELD_LABELS.fullName, required: true },
  { field: "shortName", label: ORGAN_FIELD_LABELS.shortName, required: true },
  { field: "kind", label: ORGAN_FIELD_LABELS.kind, required: true },
  { field: "parent", label: ORGAN_FIELD_LABELS.parentId, required: true },
  { field: "sortOrder", label: ORGAN_FIELD_LABELS.sortOrder, required: false },
];

export function organImportColumnLabel(field: OrganImportField): string {
  return ORGAN_IMPORT_COLUMNS.find((c) => c.field === field)!.label;
}

/** At most this many organs (data rows) in one file: a province has ~7,000. */
export const MAX_ORGAN_IMPORT_ROWS = 10_000;
/** Largest file accepted (10,000 rows of long names as CSV are ~2.5 MB). */
export const MAX_ORGAN_IMPORT_BYTES = 4 * 1024 * 1024;
export const ORGAN_IMPORT_ACCEPT = ".csv,.xlsx";
export const ORGAN_IMPORT_TEMPLATE_NAME = "机关导入模板.csv";
export const ORGAN_IMPORT_TEMPLATE_HREF = "/admin/organ-import-template";
/** At most this many problems are sent to the page (the count says how many there are in all). */
export const MAX_LISTED_PROBLEMS = 500;

/** Why a file cannot be an organ file before reading it (name, size), or null. */
export function organFileProblem(name: string, size: number): string | null {
  if (size > MAX_ORGAN_IMPORT_BYTES)
    return `文件超过 ${MAX_ORGAN_IMPORT_BYTES / 1024 / 1024} MB，请分成几个文件导入（每个文件最多 ${MAX_ORGAN_IMPORT_ROWS} 个机关）`;
  if (size === 0) return "文件是空的";
  if (/\.xls$/i.test(name)) return "旧版 Excel（.xls）文件不能导入：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后重新上传";
  if (!/\.(csv|xlsx)$/i.test(name)) return "只能导入 CSV 或 XLSX 文件";
  return null;
}

/** The template's header and two example rows: a county and a department under it (defined in the file above it). */
export function organImportTemplate(): { header: string[]; rows: string[][] } {
  return {
    header: ORGAN_IMPORT_COLUMNS.map((c) => c.label),
    rows: [
      ["××县人民政府", "××县", ORGAN_KIND_INFO.COUNTY.label, "××市人民政府", "1"],
      ["××县教育局", "县教育局", ORGAN_KIND_INFO.DEPARTMENT.label, "××县人民政府", "10"],
    ],
  };
}

/** One problem of a file: its row and column as in the file (null: the file as a whole). */
export type OrganImportProblem = { row: number | null; column: string | null; message: string };

/** What a check of a file found (nothing stored). */
export type OrganImportPreview = {
  fileName: string;
  /** organs the import would create */
  create: number;
  /** rows that are organs already there (same 全称, 类型 and 上级机关): skipped */
  skippedCount: number;
  /** the first MAX_LISTED_PROBLEMS of them */
  skipped: { row: number; fullName: string }[];
  /** the first MAX_LISTED_PROBLEMS problems */
  problems: OrganImportProblem[];
  problemCount: number;
  /** the first organs to create, for a look (full name, kind label, parent's full name) */
  sample: { row: number; fullName: string; kind: string; parent: string }[];
};
