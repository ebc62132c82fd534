/**
 * Bulk import of the organ tree (机关) from a file: the file's rows in, a plan (the organs to create, parents
 * before children) and every problem (row and column as in the file) out. Pure: the service
 * (lib/server/services/admin-import-organs.ts) looks up the existing organs the file names and passes them in.
 *
 * The rules are the form's: the fields through organInputSchema, the tree's shape through parentProblem,
 * the messages of admin-organ-checks through ORGAN_MESSAGES. A row that is an organ already there (same
 * 全称, 类型 and 上级机关, within the admin's subtree) is skipped, so a file can be uploaded again.
 */
import { parseCsv } from "@/lib/register/columns";
import { ORGAN_KIND_INFO, ORGAN_KINDS, parentProblem, type OrganKind } from "@/lib/report/organ-levels";
import { ORGAN_MESSAGES, organInputSchema } from "@/lib/server/services/admin-schemas";
import {
  MAX_ORGAN_IMPORT_ROWS,
  ORGAN_IMPORT_COLUMNS,
  organImportColumnLabel,
  type OrganImportField,
  type OrganImportProblem,
} from "./organ-import-columns";

// ---- decoding ------------------------------------------------------------------------------------

/**
 * A CSV file's text: UTF-8 with or without BOM, UTF-16 with BOM (Excel's 「Unicode 文本」), else GBK
 * (GB18030: Excel and WPS in China save CSV so). Null when it is none of them (a binary file).
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: "UTF-8" | "UTF-16" | "GBK" } | null {
  const at = (i: number) => bytes[i];
  if (at(0) === 0xef && at(1) === 0xbb && at(2) === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "UTF-8" };
  if (at(0) === 0xff && at(1) === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16" };
  if (at(0) === 0xfe && at(1) === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "UTF-16" };
  let text: string | null = null;
  let encoding: "UTF-8" | "GBK" = "UTF-8";
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder("gbk", { fatal: true }).decode(bytes);
      encoding = "GBK";
    } catch {
      return null;
    }
  }
  return text.includes("\u0000") ? null : { text, encoding };
}

/** A CSV's rows (row i is the file's row i + 1; comma or tab separated). */
export function csvRows(text: string): string[][] {
  return parseCsv(text);
}

// ---- the table -----------------------------------------------------------------------------------

/** One data row of the file, its cells trimmed. */
export type OrganImportRow = { row: number } & Record<OrganImportField, string>;

export type OrganTable = ImportTable<OrganImportField>;

/** A header cell or label as compared: NFKC, no spaces, no 「*」 or 「（必填）」 marks. */
export const headerKey = (s: string) =>
  s
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/^\*+|\*+$/g, "")
    .replace(/\((必填|选填|可选|可不填)\)$/, "");

const key = headerKey;
/**
 * The kinds' labels, and the short names a clerk's own list uses where they are unambiguous (乡镇, 街道, 部门);
 * not 县/市/省, which in a list of organs as often name a department of that level as its government.
 */
const KIND_ALIASES: readonly (readonly [string, OrganKind])[] = [
  ["乡镇", "TOWNSHIP"],
  ["街道", "TOWNSHIP"],
  ["乡镇人民政府", "TOWNSHIP"],
  ["街道办事处", "TOWNSHIP"],
  ["部门", "DEPARTMENT"],
];
const KIND_BY_KEY = new Map<string, OrganKind>([
  ...ORGAN_KINDS.map((k) => [key(ORGAN_KIND_INFO[k].label), k] as const),
  ...KIND_ALIASES.map(([alias, k]) => [key(alias), k] as const),
]);
const KIND_LIST = ORGAN_KINDS.map((k) => ORGAN_KIND_INFO[k].label).join("、");
const label = organImportColumnLabel;

/** The organ kind a cell names (its label or an alias, full- or half-width brackets, spaces ignored), or null. */
export function kindOfLabel(text: string): OrganKind | null {
  return KIND_BY_KEY.get(key(text)) ?? null;
}

/** A cell's text, trimmed. */
export const cellText = (c: string | undefined) => String(c ?? "").trim();

/** How many of the first rows are searched for the header (a title row above it is allowed). */
export const HEADER_SEARCH_ROWS = 20;

/** A column of an import file: the field it fills, its header label, whether the header must have it. */
export type ImportColumn<F extends string> = { readonly field: F; readonly label: string; readonly required: boolean };
export type ImportTable<F extends string> = { headerRow: number; rows: ({ row: number } & Record<F, string>)[] };

/**
 * The header row (the first with the `anchor` column's label, any column order) and the non-blank rows below
 * it, each cell by its field, or the problems of the header and the file's size (`what`: 机关, 账号).
 */
export function readImportTable<F extends string>(
  rows: readonly (readonly string[])[],
  spec: { columns: readonly ImportColumn<F>[]; anchor: F; maxRows: number; what: string; tooMany: string },
): { table: ImportTable<F>; problems: [] } | { table: null; problems: OrganImportProblem[] } {
  const byKey = new Map(spec.columns.map((c) => [key(c.label), c]));
  const anchorKey = key(spec.columns.find((c) => c.field === spec.anchor)!.label);
  const h = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => r.some((c) => key(cellText(c)) === anchorKey));
  if (h < 0) {
    const names = spec.columns.map((c) => `「${c.label}」${c.required ? "" : "（可选）"}`).join("");
    return { table: null, problems: [{ row: null, column: null, message: `没有找到表头行：文件的第一行应为列名 ${names}。可下载模板对照。` }] };
  }
  const headerRow = h + 1;
  const columnOf = new Map<F, number>();
  const problems: OrganImportProblem[] = [];
  rows[h]!.forEach((c, i) => {
    const col = byKey.get(key(cellText(c)));
    if (!col) return;
    const first = columnOf.get(col.field);
    if (first !== undefined)
      problems.push({ row: headerRow, column: col.label, message: `表头中「${col.label}」出现了两次（第 ${first + 1} 列和第 ${i + 1} 列），请删去一列` });
    else columnOf.set(col.field, i);
  });
  for (const c of spec.columns)
    if (c.required && !columnOf.has(c.field)) problems.push({ row: headerRow, column: c.label, message: `表头缺少「${c.label}」列` });
  if (problems.length) return { table: null, problems };

  const out: ImportTable<F>["rows"] = [];
  for (let i = h + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (cells.every((c) => !cellText(c))) continue;
    const row = { row: i + 1 } as { row: number } & Record<F, string>;
    for (const c of spec.columns) {
      const at = columnOf.get(c.field);
      (row as Record<F, string>)[c.field] = at === undefined ? "" : cellText(cells[at]);
    }
    out.push(row);
    if (out.length > spec.maxRows)
      return {
        table: null,
        problems: [{ row: i + 1, column: null, message: `文件超过 ${spec.maxRows} 个${spec.what}（第 ${i + 1} 行是第 ${out.length} 个），${spec.tooMany}` }],
      };
  }
  if (!out.length) return { table: null, problems: [{ row: null, column: null, message: `文件中没有${spec.what}：表头以下都是空行` }] };
  return { table: { headerRow, rows: out }, problems: [] };
}

/** The organ file's table (see readImportTable). */
export function readOrganTable(rows: readonly (readonly string[])[]): { table: OrganTable; problems: [] } | { table: null; problems: OrganImportProblem[] } {
  return readImportTable(rows, {
    columns: ORGAN_IMPORT_COLUMNS,
    anchor: "fullName",
    maxRows: MAX_ORGAN_IMPORT_ROWS,
    what: "机关",
    tooMany: "请分成几个文件导入：先导入上级机关，再导入下级机关",
  });
}

/** The full names a table mentions (as organs or as parents): the existing organs the planner needs to know. */
export function namesIn(table: OrganTable): string[] {
  const names = new Set<string>();
  for (const r of table.rows) {
    if (r.fullName) names.add(r.fullName);
    if (r.parent) names.add(r.parent);
  }
  return [...names];
}

// ---- the plan ------------------------------------------------------------------------------------

/** An organ already in the database under one of the file's names. */
export type ExistingOrgan = { id: string; kind: string; parentFullName: string | null; /** within the admin's subtree */ inScope: boolean };

export type PlannedOrgan = {
  row: number;
  fullName: string;
  shortName: string;
  kind: OrganKind;
  sortOrder: number;
  /** an existing parent */
  parentId: string | null;
  /** a parent created by the same import (planned earlier in `organs`) */
  parentRow: number | null;
  /** the parent's full name ("" at the top of the tree) */
  parentName: string;
};

export type OrganImportPlan = {
  /** parents before children; empty while there are problems */
  organs: PlannedOrgan[];
  skipped: { row: number; fullName: string }[];
  problems: OrganImportProblem[];
};

/**
 * The plan of an import. `existing`: the organs named in the file (namesIn) that exist, by full name;
 * `adminOrganId`: the admin's organ (null for the installation's admin, who may create top-level organs).
 */
export function planOrganImport(
  table: OrganTable,
  ctx: { existing: ReadonlyMap<string, ExistingOrgan>; adminOrganId: string | null },
): OrganImportPlan {
  const problems: OrganImportProblem[] = [];
  const add = (row: number, field: OrganImportField, message: string) => problems.push({ row, column: label(field), message });

  // each row's own fields
  type Checked = { r: OrganImportRow; kind: OrganKind | null; sortOrder: number; skip: boolean; duplicate: boolean; taken: boolean };
  const checked: Checked[] = table.rows.map((r) => {
    const kind = r.kind ? kindOfLabel(r.kind) : null;
    if (!r.kind) add(r.row, "kind", `请填写${label("kind")}（${KIND_LIST}）`);
    else if (!kind) add(r.row, "kind", `「${r.kind}」不是机关类型，应为以下之一：${KIND_LIST}`);
    const parsed = organInputSchema.safeParse({ fullName: r.fullName, shortName: r.shortName, kind: kind ?? "DEPARTMENT", parentId: "-", sortOrder: r.sortOrder });
    let sortOrder = 0;
    if (parsed.success) sortOrder = parsed.data.sortOrder;
    else {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === "fullName" || field === "shortName" || field === "sortOrder") && !seen.has(field)) {
          seen.add(field);
          add(r.row, field, issue.message);
        }
      }
    }
    return { r, kind, sortOrder, skip: false, duplicate: false, taken: false };
  });

  // full names: unique in the file, new or the very organ already there
  const firstByName = new Map<string, Checked>();
  for (const c of checked) {
    const name = c.r.fullName;
    if (!name) continue;
    const first = firstByName.get(name);
    if (first) {
      c.duplicate = true;
      add(c.r.row, "fullName", `与第 ${first.r.row} 行的${label("fullName")}“${name}”重复`);
      continue;
    }
    firstByName.set(name, c);
    const ex = ctx.existing.get(name);
    if (!ex) continue;
    if (ex.inScope && c.kind === ex.kind && (ex.parentFullName ?? "") === c.r.parent) {
      c.skip = true;
      continue;
    }
    c.taken = true;
    if (!ex.inScope) add(c.r.row, "fullName", `${ORGAN_MESSAGES.duplicateFullName(name)}（不在您的管理范围内）`);
    else {
      const differs = [
        c.kind !== ex.kind ? `${label("kind")}为“${ORGAN_KIND_INFO[ex.kind as OrganKind]?.label ?? ex.kind}”` : "",
        (ex.parentFullName ?? "") !== c.r.parent ? `${label("parent")}为“${ex.parentFullName ?? "（无）"}”` : "",
      ].filter(Boolean);
      add(c.r.row, "fullName", `${ORGAN_MESSAGES.duplicateFullName(name)}，其${differs.join("、")}，与本行不同（修改已有机关请在下方列表中点“编辑”）`);
    }
  }

  // parents: in the file (a row above or below) or an existing organ of the admin's subtree, of a kind that may hold the row's
  const parentOf = new Map<Checked, Checked>();
  /** what the parent is, after a message that says which kinds may hold the row's */
  const which = (kind: OrganKind, text: string) => (ORGAN_KIND_INFO[kind].parents.length ? text : "");
  for (const c of checked) {
    // a row that cannot be created anyway (its name is taken) is not checked further
    if (c.skip || c.duplicate || c.taken) continue;
    const { r, kind } = c;
    if (!r.parent) {
      const problem = kind ? parentProblem(kind, null) : null;
      if (problem) add(r.row, "parent", problem);
      else if (ctx.adminOrganId) add(r.row, "parent", `请填写${label("parent")}（${ORGAN_MESSAGES.onlyBelowOwnOrgan}）`);
      continue;
    }
    if (r.parent === r.fullName) {
      add(r.row, "parent", ORGAN_MESSAGES.parentIsSelf);
      continue;
    }
    const inFile = firstByName.get(r.parent);
    if (inFile && !inFile.skip) {
      parentOf.set(c, inFile);
      const problem = kind && inFile.kind ? parentProblem(kind, inFile.kind) : null;
      if (problem) add(r.row, "parent", problem + which(kind!, `（“${r.parent}”在第 ${inFile.r.row} 行是${ORGAN_KIND_INFO[inFile.kind!].label}）`));
      continue;
    }
    const ex = ctx.existing.get(r.parent);
    if (!ex) add(r.row, "parent", `${label("parent")}“${r.parent}”不存在：它既不是已有的机关，也不是本文件中的${label("fullName")}`);
    else if (!ex.inScope) add(r.row, "parent", `${label("parent")}“${r.parent}”不在您的管理范围内`);
    else {
      const problem = kind ? parentProblem(kind, ex.kind) : null;
      if (problem) add(r.row, "parent", problem + which(kind!, `（“${r.parent}”是${ORGAN_KIND_INFO[ex.kind as OrganKind]?.label ?? ex.kind}）`));
    }
  }

  // cycles among the file's rows (A under B, B under A)
  const state = new Map<Checked, "open" | "done">();
  for (const start of checked) {
    if (state.has(start)) continue;
    const path: Checked[] = [];
    let at: Checked | undefined = start;
    while (at && !state.has(at)) {
      state.set(at, "open");
      path.push(at);
      at = parentOf.get(at);
    }
    if (at && state.get(at) === "open") {
      const cycle = path.slice(path.indexOf(at));
      const text = [...cycle, at].map((c) => `第 ${c.r.row} 行“${c.r.fullName}”`).join(" → ");
      for (const c of cycle) add(c.r.row, "parent", `${label("parent")}形成循环：${text}`);
    }
    for (const c of path) state.set(c, "done");
  }

  const skipped = checked.filter((c) => c.skip).map((c) => ({ row: c.r.row, fullName: c.r.fullName }));
  if (problems.length) {
    const order = new Map(ORGAN_IMPORT_COLUMNS.map((c, i) => [c.label, i]));
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (order.get(a.column ?? "") ?? -1) - (order.get(b.column ?? "") ?? -1));
    return { organs: [], skipped, problems };
  }

  // parents before children: by depth within the file, in file order at each depth
  const depth = new Map<Checked, number>();
  const depthOf = (c: Checked): number => {
    const known = depth.get(c);
    if (known !== undefined) return known;
    const p = parentOf.get(c);
    const d = p ? depthOf(p) + 1 : 0;
    depth.set(c, d);
    return d;
  };
  const organs = checked
    .filter((c) => !c.skip)
    .map((c, i) => ({ c, i, d: depthOf(c) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map(({ c }): PlannedOrgan => {
      const p = parentOf.get(c);
      return {
        row: c.r.row,
        fullName: c.r.fullName,
        shortName: c.r.shortName,
        kind: c.kind!,
        sortOrder: c.sortOrder,
        parentId: p || !c.r.parent ? null : ctx.existing.get(c.r.parent)!.id,
        parentRow: p ? p.r.row : null,
        parentName: c.r.parent,
      };
    });
  return { organs, skipped, problems: [] };
}
