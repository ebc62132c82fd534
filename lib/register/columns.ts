/**
 * The register's spreadsheet columns (export and import) and the import's row checks. Pure.
 * Import: the clerk's sheet is mapped once (column → field, guessed from its header), every row is read and
 * checked like a typed entry, and each problem names the row and the column as the sheet has them.
 */
import {
  APPLICANT_TYPES,
  EMPTY_INPUT,
  FIELD_LABELS,
  METHOD_LABELS,
  METHODS,
  RESULT_ROWS,
  normalizeDay,
  validateApplication,
  type ApplicationInput,
} from "./model";
import { T3_ROWS } from "@/lib/template";

export type SheetField = keyof ApplicationInput | "seq" | "carried" | "due";

/** The export's columns, in order (personal columns are left out for readers who may not see them). */
export const SHEET_COLUMNS: readonly { field: SheetField; label: string; personal?: boolean }[] = [
  { field: "seq", label: "序号" },
  { field: "carried", label: "上年结转" },
  { field: "receivedAt", label: FIELD_LABELS.receivedAt! },
  { field: "method", label: FIELD_LABELS.method! },
  { field: "applicantType", label: FIELD_LABELS.applicantType! },
  { field: "applicantName", label: FIELD_LABELS.applicantName!, personal: true },
  { field: "contact", label: FIELD_LABELS.contact!, personal: true },
  { field: "content", label: FIELD_LABELS.content! },
  { field: "correctionNoticeAt", label: FIELD_LABELS.correctionNoticeAt! },
  { field: "correctionReceivedAt", label: FIELD_LABELS.correctionReceivedAt! },
  { field: "correctionExpiredAt", label: FIELD_LABELS.correctionExpiredAt! },
  { field: "consultFrom", label: FIELD_LABELS.consultFrom! },
  { field: "consultTo", label: FIELD_LABELS.consultTo! },
  { field: "extensionApprovedAt", label: FIELD_LABELS.extensionApprovedAt! },
  { field: "extensionDays", label: FIELD_LABELS.extensionDays! },
  { field: "feeNoticeAt", label: FIELD_LABELS.feeNoticeAt! },
  { field: "feePaidAt", label: FIELD_LABELS.feePaidAt! },
  { field: "feeExpiredAt", label: FIELD_LABELS.feeExpiredAt! },
  { field: "due", label: "答复期限" },
  { field: "repliedAt", label: FIELD_LABELS.repliedAt! },
  { field: "result", label: FIELD_LABELS.result! },
  { field: "note", label: FIELD_LABELS.note! },
];

/** Fields an imported column can be mapped to. */
export const IMPORT_FIELDS = SHEET_COLUMNS.filter((c) => c.field !== "seq" && c.field !== "carried" && c.field !== "due") as readonly {
  field: keyof ApplicationInput;
  label: string;
}[];

const SYNONYMS: Record<string, keyof ApplicationInput> = {
  收到日期: "receivedAt",
  收到申请日期: "receivedAt",
  申请日期: "receivedAt",
  受理日期: "receivedAt",
  申请方式: "method",
  提交方式: "method",
  申请人类别: "applicantType",
  申请人类型: "applicantType",
  申请人: "applicantName",
  申请人姓名: "applicantName",
  姓名: "applicantName",
  联系方式: "contact",
  联系电话: "contact",
  电话: "contact",
  申请内容: "content",
  申请公开内容: "content",
  收到时间: "receivedAt",
  申请时间: "receivedAt",
  受理时间: "receivedAt",
  申请人名称: "applicantName",
  申请单位: "applicantName",
  申请事项: "content",
  申请公开事项: "content",
  申请公开的信息: "content",
  申请获取的信息: "content",
  所需信息: "content",
  答复日期: "repliedAt",
  答复时间: "repliedAt",
  回复日期: "repliedAt",
  办结日期: "repliedAt",
  办结时间: "repliedAt",
  处理结果: "result",
  答复结果: "result",
  办理结果: "result",
  处理情况: "result",
  答复情况: "result",
  备注: "note",
};

export const REGISTER_TEMPLATE_NAME = "依申请公开台账导入模板.csv";

/**
 * The register import's template: the columns it reads, by the labels it knows, and one example application
 * of `year` (a CSV made from it imports as it is).
 */
export function registerImportTemplate(year: number): { header: string[]; rows: string[][] } {
  const example: Partial<Record<keyof ApplicationInput, string>> = {
    receivedAt: `${year}-03-09`,
    method: METHOD_LABELS.online,
    applicantType: APPLICANT_TYPES.find((a) => a.id === "natural")?.label ?? "",
    applicantName: "张某",
    contact: "13800000000",
    content: `申请公开本镇${year - 1}年度农村道路建设项目的资金使用情况`,
    repliedAt: `${year}-03-30`,
    result: RESULT_ROWS.find((r) => r.id === "open")?.label ?? "",
  };
  return { header: IMPORT_FIELDS.map((f) => f.label), rows: [IMPORT_FIELDS.map((f) => example[f.field] ?? "")] };
}

/** Guesses each column's field from its header ("" = not imported). */
export function guessMapping(header: readonly string[]): string[] {
  const used = new Set<string>();
  return header.map((h) => {
    const key = h.replace(/\s+/g, "");
    const f = IMPORT_FIELDS.find((x) => x.label === key)?.field ?? SYNONYMS[key] ?? "";
    if (!f || used.has(f)) return "";
    used.add(f);
    return f;
  });
}

const norm = (s: string) => s.replace(/\s+/g, "").replace(/[()]/g, (c) => (c === "(" ? "（" : "）"));

/** 当面 / 邮寄 / … or the code → code; null when unknown. */
export function parseMethod(raw: string): string | null {
  const s = norm(raw);
  if (!s) return "in_person";
  const hit = METHODS.find((m) => m === s || METHOD_LABELS[m] === s || (s.includes(METHOD_LABELS[m]) && s.length <= 6));
  if (hit) return hit;
  if (/信函|快递|挂号/.test(s)) return "mail";
  if (/网上|在线|电子邮件|邮箱|互联网/.test(s)) return "online";
  return null;
}

export function parseApplicantType(raw: string): string | null {
  const s = norm(raw);
  const hit = APPLICANT_TYPES.find((a) => a.id === s || a.label === s || `法人或其他组织${a.label}` === s || `法人或其他组织·${a.label}` === s);
  if (hit) return hit.id;
  if (s === "公民" || s === "个人") return "natural";
  return null;
}

/** A result as typed in a 台账: the full row name, the item or group label, or with/without its numbering. */
export function parseResult(raw: string): string | null {
  const s = norm(raw);
  if (!s) return "";
  const strip = (x: string) => norm(x).replace(/^（[一二三四五六七]）/, "").replace(/^\d+\./, "").replace(/（区分处理的.*）$/, "");
  for (const r of RESULT_ROWS) if (r.id === s || norm(r.label) === s) return r.id;
  for (const row of T3_ROWS.filter((x) => x.isResult)) {
    if (norm(row.label) === s || strip(row.label) === strip(s)) return row.id;
  }
  return null;
}

export type ImportRow = { row: number; input: ApplicationInput };
export type ImportProblem = { row: number; column: string; message: string };

/**
 * Reads mapped rows (`rows[0]` is the header, its sheet row number `headerRow`). Blank rows are skipped.
 * Returns the entries that passed and one problem per bad cell, naming 第 n 行 and the column's header.
 */
export function readImportRows(
  rows: readonly (readonly string[])[],
  mapping: readonly string[],
  year: number,
  headerRow = 1,
  /** today, China time: no application received or answered later (validateApplication) */
  today?: string,
  /**
   * Rows the register already holds (the register's own export uploaded again): counted, not checked —
   * its 上年结转 rows were received last year, which a row of this year's register may not be.
   */
  known?: (input: ApplicationInput) => boolean,
): { entries: ImportRow[]; problems: ImportProblem[]; known: number } {
  const header = rows[0] ?? [];
  const colOf = new Map<string, number>();
  mapping.forEach((f, i) => f && colOf.set(f, i));
  const colName = (f: keyof ApplicationInput) => {
    const i = colOf.get(f);
    return i === undefined ? FIELD_LABELS[f] ?? f : `${String(header[i] ?? "").trim() || FIELD_LABELS[f]}（第 ${columnLetter(i)} 列）`;
  };
  const entries: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  let knownRows = 0;
  rows.slice(1).forEach((cells, k) => {
    const rowNo = headerRow + 1 + k;
    if (cells.every((c) => !String(c ?? "").trim())) return;
    const input: ApplicationInput = { ...EMPTY_INPUT };
    for (const [f, i] of colOf) (input as Record<string, string>)[f] = String(cells[i] ?? "").trim();
    const bad: ImportProblem[] = [];
    // fields whose value could not be read: named once; the rest of the row is still checked (with a
    // stand-in for them), so that one upload lists every cell to correct
    const unread = new Set<keyof ApplicationInput>();
    const method = parseMethod(input.method);
    if (method === null) {
      bad.push({ row: rowNo, column: colName("method"), message: `「${input.method}」不是申请方式（当面、邮寄、网络、传真、其他）` });
      unread.add("method");
      input.method = EMPTY_INPUT.method;
    } else input.method = method;
    const type = parseApplicantType(input.applicantType || "自然人");
    if (type === null) {
      bad.push({ row: rowNo, column: colName("applicantType"), message: `「${input.applicantType}」不是表三的申请人类别（${APPLICANT_TYPES.map((a) => a.label).join("、")}）` });
      unread.add("applicantType");
      input.applicantType = EMPTY_INPUT.applicantType;
    } else input.applicantType = type;
    const result = parseResult(input.result);
    if (result === null) {
      bad.push({ row: rowNo, column: colName("result"), message: `「${input.result}」不是表三的办理结果行（应为（一）至（六）中的一项）` });
      // the answer's date goes with the result: not judged without it
      unread.add("result").add("repliedAt");
      input.result = "";
    } else input.result = result;
    for (const f of Object.keys(input) as (keyof ApplicationInput)[]) if (f.endsWith("At") || f === "consultFrom" || f === "consultTo") input[f] = normalizeDay(input[f]);
    if (!bad.length && known?.(input)) {
      knownRows++;
      return;
    }
    const { input: checked, errors } = validateApplication(input, { year, carried: false, ...(today ? { today } : {}) });
    for (const e of errors) if (!unread.has(e.field)) bad.push({ row: rowNo, column: colName(e.field), message: e.message });
    if (!bad.length) entries.push({ row: rowNo, input: checked });
    problems.push(...bad);
  });
  return { entries, problems, known: knownRows };
}

export function columnLetter(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A small CSV reader (RFC 4180 quotes, comma or tab, a BOM dropped). */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const sep = !src.split("\n")[0]!.includes(",") && src.includes("\t") ? "\t" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = "";
    }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** An uploaded 台账's limits: data rows, columns, characters in one cell. */
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_COLUMNS = 200;
export const MAX_IMPORT_CELL_CHARS = 5000;

/**
 * Why an uploaded 台账 (rows from its header row on, `headerRow` its 1-based row number in the file) is
 * beyond the limits, naming the row — or null. Never cut short: applications left out would be missing
 * from 表三 without a word.
 */
export function uploadShapeProblem(rows: readonly (readonly string[])[], headerRow: number): string | null {
  if (rows.length > MAX_IMPORT_ROWS + 1) return `台账超过 ${MAX_IMPORT_ROWS} 行（表头以下），请分成几个文件分批导入。`;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let last = row.length;
    while (last > 0 && !row[last - 1]!.trim()) last--;
    if (last > MAX_IMPORT_COLUMNS)
      return `第 ${headerRow + i} 行有 ${last} 列（第 ${last} 列仍有内容），台账最多 ${MAX_IMPORT_COLUMNS} 列：请删除多余的列后重新上传。`;
    const long = row.findIndex((c) => c.length > MAX_IMPORT_CELL_CHARS);
    if (long >= 0) return `第 ${headerRow + i} 行第 ${long + 1} 列超过 ${MAX_IMPORT_CELL_CHARS} 字，请删减后重新上传。`;
  }
  return null;
}
