// The account import file's shape: its columns, limits, template, the preview the server sends back and the
// list of initial passwords the browser offers once after an import. Client-safe (no zod, no exceljs): the
// upload form shows the columns and limits from here; the planner (user-import.ts) and the template route
// use the same.
import { ROLE_LABELS } from "@/lib/labels";
import type { OrganImportProblem } from "./organ-import-columns";

export type UserImportField = "username" | "displayName" | "role" | "organ" | "password";

/** The file's columns, found by their header label in any order (the single-account form's labels). */
export const USER_IMPORT_COLUMNS: readonly { field: UserImportField; label: string; required: boolean }[] = [
  { field: "username", label: "用户名", required: true },
  { field: "displayName", label: "姓名", required: true },
  { field: "role", label: "角色", required: true },
  { field: "organ", label: "所属机关", required: true },
  { field: "password", label: "初始密码", required: false },
];

export function userImportColumnLabel(field: UserImportField): string {
  return USER_IMPORT_COLUMNS.find((c) => c.field === field)!.label;
}

/**
 * At most this many accounts in one file. Each password is hashed with scrypt (~0.1–0.2 s of CPU, four at a
 * time on libuv's pool): on a two-core server 500 accounts take 45–90 s, before the (short) write.
 */
export const MAX_USER_IMPORT_ROWS = 500;
export const MAX_USER_IMPORT_BYTES = 1024 * 1024;
export const USER_IMPORT_ACCEPT = ".csv,.xlsx";
export const USER_IMPORT_TEMPLATE_NAME = "账号导入模板.csv";
/** Outside /admin/users/: a link under it is taken for an account's page. */
export const USER_IMPORT_TEMPLATE_HREF = "/admin/user-import-template";
/** Length of a generated initial password. */
export const GENERATED_PASSWORD_LENGTH = 12;

/** Why a file cannot be an account file before reading it (name, size), or null. */
export function userFileProblem(name: string, size: number): string | null {
  if (size > MAX_USER_IMPORT_BYTES)
    return `文件超过 ${MAX_USER_IMPORT_BYTES / 1024 / 1024} MB，请分成几个文件导入（每个文件最多 ${MAX_USER_IMPORT_ROWS} 个账号）`;
  if (size === 0) return "文件是空的";
  if (/\.xls$/i.test(name)) return "旧版 Excel（.xls）文件不能导入：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后重新上传";
  if (!/\.(csv|xlsx)$/i.test(name)) return "只能导入 CSV 或 XLSX 文件";
  return null;
}

/** The template's header and two example rows: a township's clerk (password left to be generated) and a county's supervisor. */
export function userImportTemplate(): { header: string[]; rows: string[][] } {
  return {
    header: USER_IMPORT_COLUMNS.map((c) => c.label),
    rows: [
      ["zhangsan", "张三", ROLE_LABELS.CLERK!, "××县××镇人民政府", ""],
      ["lisi", "李四", ROLE_LABELS.SUPERVISOR!, "××县人民政府", ""],
    ],
  };
}

/** What a check of a file found (nothing stored; never a password). */
export type UserImportPreview = {
  fileName: string;
  /** accounts the import would create */
  create: number;
  /** of them, those whose 初始密码 is blank: one is generated */
  generated: number;
  /** the first MAX_LISTED_PROBLEMS problems (organ-import-columns.ts) */
  problems: OrganImportProblem[];
  problemCount: number;
  /** the first accounts to create, for a look */
  sample: { row: number; username: string; displayName: string; role: string; organ: string; generated: boolean }[];
};

/** One imported account and its initial password: sent to the browser once, after the import, and never stored. */
export type ImportedAccount = { username: string; displayName: string; organ: string; password: string; generated: boolean };

export const PASSWORDS_FILE_HEADER = ["用户名", "姓名", "所属机关", "初始密码"] as const;

/** The list of initial passwords as a CSV (UTF-8 with BOM, CRLF: Excel in China opens it as is). Built in the browser. */
export function passwordsCsv(accounts: readonly ImportedAccount[]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [PASSWORDS_FILE_HEADER.join(","), ...accounts.map((a) => [a.username, a.displayName, a.organ, a.password].map(cell).join(","))];
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/** The passwords file's name: the import file's name with 「初始密码」. */
export function passwordsFileName(fileName: string): string {
  return `${fileName.replace(/\.(csv|xlsx)$/i, "")}-初始密码.csv`;
}
