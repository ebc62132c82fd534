import "server-only";
// The report's tables 三 and 四 from the register: kept filled while the register changes (当 the table's source
// is the register, the default), or compared cell by cell when the clerk switched a table to typed figures.
import { isEditable } from "@/lib/report";
import { registerDifferences, table3FromRegister, table4FromCases } from "@/lib/register";
import { CELLS, type CellValues } from "@/lib/template";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { recordEvent } from "./audit";
import { registerAccess } from "./register-access";
import { parseStoredContent, toReportStatus } from "./report-row";
import { writeFields } from "./save-report";

export type TableSource = "register" | "typed";
export type RegisterDiff = { cellId: string; name: string; typed: string; register: string };

export type ReportRegisterState = {
  organId: string;
  year: number;
  /** whether table 三 / 四 have anything in the register this year */
  t3Active: boolean;
  t4Active: boolean;
  t3Source: TableSource;
  t4Source: TableSource;
  /** cells where the report differs from the register (every differing cell of the active tables) */
  differences: RegisterDiff[];
  /** the register's figures of the tables switched to typed figures (the editor names each differing cell, R1) */
  typedRegister: CellValues | null;
  /** the register's non-zero cells of table 三 (for the drill-down) */
  counted: { cellId: string; name: string; value: string }[];
};

async function registerCells(organId: string, year: number, db: Db) {
  const [apps, cases, setting] = await Promise.all([
    db.application.findMany({ where: { organId, year }, select: { id: true, applicantType: true, carriedFromId: true, result: true } }),
    db.disclosureCase.findMany({ where: { organId, year }, select: { id: true, kind: true, result: true, coDefendantOnly: true } }),
    db.registerSetting.findUnique({ where: { organId_year: { organId, year } } }),
  ]);
  return {
    t3: apps.length ? table3FromRegister(apps.map((a) => ({ id: a.id, applicantType: a.applicantType, carried: !!a.carriedFromId, result: a.result }))) : null,
    t4: cases.length ? table4FromCases(cases) : null,
    t3Source: (setting?.t3Source === "typed" ? "typed" : "register") as TableSource,
    t4Source: (setting?.t4Source === "typed" ? "typed" : "register") as TableSource,
  };
}

/** The register's side of a report (for its page): sources and the cells that differ. */
export async function reportRegisterState(organId: string, year: number, content: { cells: CellValues }, db: Db = getDb()): Promise<ReportRegisterState> {
  const r = await registerCells(organId, year, db);
  const register = { ...(r.t3 ?? {}), ...(r.t4 ?? {}) };
  return {
    organId,
    year,
    t3Active: !!r.t3,
    t4Active: !!r.t4,
    t3Source: r.t3Source,
    t4Source: r.t4Source,
    differences: registerDifferences(content.cells, register).map((d) => ({ ...d, name: CELLS.get(d.cellId)?.name ?? d.cellId })),
    typedRegister:
      (r.t3 && r.t3Source === "typed") || (r.t4 && r.t4Source === "typed")
        ? { ...(r.t3 && r.t3Source === "typed" ? r.t3 : {}), ...(r.t4 && r.t4Source === "typed" ? r.t4 : {}) }
        : null,
    counted: Object.entries(r.t3 ?? {})
      .filter(([, v]) => v !== "0")
      .map(([cellId, value]) => ({ cellId, value, name: CELLS.get(cellId)?.name ?? cellId })),
  };
}

/**
 * The cells of the tables whose source is the register that differ from the register now (empty without a
 * register): a report submitted like this would go up with figures its register no longer gives.
 */
export async function registerStaleCells(organId: string, year: number, cells: CellValues, db: Db = getDb()): Promise<RegisterDiff[]> {
  const r = await registerCells(organId, year, db);
  const want: CellValues = { ...(r.t3 && r.t3Source === "register" ? r.t3 : {}), ...(r.t4 && r.t4Source === "register" ? r.t4 : {}) };
  return registerDifferences(cells, want, true).map((d) => ({ ...d, name: CELLS.get(d.cellId)?.name ?? d.cellId }));
}

/** The cells a new report of the organ takes from its register (tables whose source is the register). */
export async function registerCellsForNewReport(organId: string, year: number, db: Db): Promise<CellValues> {
  const r = await registerCells(organId, year, db);
  return { ...(r.t3 && r.t3Source === "register" ? r.t3 : {}), ...(r.t4 && r.t4Source === "register" ? r.t4 : {}) };
}

/**
 * Writes the register's figures into the organ's own report of `year` for each table whose source is the
 * register (or every active table when `force`): only the cells that differ, through the report's field-by-field
 * save (merge, version, audit). Nothing happens without a register, a report, or when the report is not editable.
 */
export async function syncReportFromRegister(
  user: Actor,
  organId: string,
  year: number,
  db: Db = getDb(),
  opts: { force?: boolean } = {},
): Promise<{ ok: boolean; written: number; message: string }> {
  const access = await registerAccess(user, organId, db);
  if (!access?.edit) return { ok: false, written: 0, message: "您不能修改该机关的年度报告。" };
  const report = await db.report.findFirst({ where: { organId, year, kind: "ORGAN", source: "EDITOR" }, select: { id: true, version: true, status: true, content: true } });
  if (!report) return { ok: true, written: 0, message: `${year} 年度报告尚未新建。` };
  if (!isEditable(toReportStatus(report.status))) return { ok: true, written: 0, message: "报告已提交或已审核，未改动。" };
  const r = await registerCells(organId, year, db);
  const want: CellValues = {
    ...(r.t3 && (opts.force || r.t3Source === "register") ? r.t3 : {}),
    ...(r.t4 && (opts.force || r.t4Source === "register") ? r.t4 : {}),
  };
  const content = parseStoredContent(report.content);
  const diffs = registerDifferences(content.cells, want, true);
  if (!diffs.length) return { ok: true, written: 0, message: "报告的表三、表四与台账一致。" };
  const res = await writeFields(
    user,
    { reportId: report.id, baseVersion: report.version, changes: diffs.map((d) => ({ ref: d.cellId, base: content.cells[d.cellId] ?? "", value: d.register })) },
    db,
    { action: "register.fill_report" },
  );
  if (!res.ok) return { ok: false, written: 0, message: res.message };
  return { ok: true, written: diffs.length, message: `已按台账更新报告中的 ${diffs.length} 个单元格。` };
}

/** Switches a table of the organ's report between the register and typed figures. */
export async function setTableSource(
  user: Actor,
  organId: string,
  year: number,
  table: "t3" | "t4",
  source: TableSource,
  db: Db = getDb(),
): Promise<{ ok: boolean; message: string }> {
  const access = await registerAccess(user, organId, db);
  if (!access?.edit) return { ok: false, message: "您不能修改该机关的年度报告。" };
  const field = table === "t3" ? "t3Source" : "t4Source";
  await db.$transaction(async (tx) => {
    await tx.registerSetting.upsert({
      where: { organId_year: { organId, year } },
      create: { organId, year, [field]: source },
      update: { [field]: source },
    });
    await recordEvent(tx, { actorId: user.id, action: "register.source", detail: { organ: access.organ.fullName, year, table: table === "t3" ? "表三" : "表四", tableSource: source === "register" ? "台账" : "手工填写" } });
  });
  if (source === "register") await syncReportFromRegister(user, organId, year, db);
  return { ok: true, message: source === "register" ? "已改为按台账计算。" : "已改为手工填写；与台账不一致的单元格会列出。" };
}
