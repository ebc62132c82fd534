import "server-only";
import { chinaToday, readImportRows, uploadShapeProblem, type ImportProblem } from "@/lib/register";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { recordEvent } from "./audit";
import { registerAccess, stepsJson } from "./register-access";
import { syncReportFromRegister } from "./register-report";

export type ImportCheck = { ok: boolean; count: number; problems: ImportProblem[]; message: string; duplicates?: number };


/** One application, for recognising it again: the same 收到日期, 申请人 and 申请内容. */
export function entryKey(a: { receivedAt: string; applicantName: string; content: string }): string {
  return [a.receivedAt.trim(), a.applicantName.trim(), a.content.trim()].join("\u0000");
}

/** The keys of what the organ's register of `year` holds (an import skips those: e.g. its own export, uploaded again). */
export async function registeredKeys(organId: string, year: number, db: Db = getDb()): Promise<Set<string>> {
  const rows = await db.application.findMany({ where: { organId, year }, select: { receivedAt: true, applicantName: true, content: true } });
  return new Set(rows.map(entryKey));
}

const DUPLICATE_WHY = "收到日期、申请人和申请内容相同";

/**
 * Checks mapped rows of an uploaded 台账; nothing is stored. Rows already in the register (`existing`,
 * registeredKeys) are not imported again, and the message says how many.
 */
export function checkRegisterImport(rows: string[][], mapping: string[], year: number, headerRow: number, existing: ReadonlySet<string> = new Set()): ImportCheck {
  const shape = uploadShapeProblem(rows, headerRow);
  if (shape) return { ok: false, count: 0, problems: [], message: shape };
  if (!mapping.includes("receivedAt")) return { ok: false, count: 0, problems: [], message: "请指定哪一列是「收到日期」。" };
  const { entries, problems, known } = readImportRows(rows, mapping, year, headerRow, chinaToday(), (input) => existing.has(entryKey(input)));
  if (!entries.length && !problems.length && !known) return { ok: false, count: 0, problems, message: "台账中没有可导入的行。" };
  const fresh = entries.filter((e) => !existing.has(entryKey(e.input)));
  const duplicates = known + entries.length - fresh.length;
  if (problems.length)
    return {
      ok: false,
      count: fresh.length,
      problems,
      duplicates,
      message: `有 ${problems.length} 处问题（涉及 ${new Set(problems.map((p) => p.row)).size} 行），请在文件中改正后重新上传；尚未导入任何数据。`,
    };
  if (fresh.length === 0)
    return { ok: false, count: 0, problems, duplicates, message: `文件中的 ${duplicates} 件申请都已在台账中（${DUPLICATE_WHY}），没有新的申请需要导入。` };
  return {
    ok: true,
    count: fresh.length,
    problems,
    duplicates,
    message: `共 ${fresh.length} 件申请可以导入。` + (duplicates ? `另有 ${duplicates} 件已在台账中（${DUPLICATE_WHY}），不再重复导入。` : ""),
  };
}

/**
 * Stores a checked 台账 after the clerk's confirmation: all rows or none (a problem anywhere refuses the whole
 * file). Appended after the register's last 序号; audited.
 */
export async function confirmRegisterImport(
  user: Actor,
  organId: string,
  year: number,
  file: { name: string; rows: string[][]; mapping: string[]; headerRow: number },
  db: Db = getDb(),
): Promise<ImportCheck> {
  const access = await registerAccess(user, organId, db);
  if (!access?.edit) return { ok: false, count: 0, problems: [], message: "您不能修改该机关的依申请公开台账。" };
  const existing = await registeredKeys(organId, year, db);
  const check = checkRegisterImport(file.rows, file.mapping, year, file.headerRow, existing);
  if (!check.ok) return check;
  const entries = readImportRows(file.rows, file.mapping, year, file.headerRow, chinaToday()).entries.filter((e) => !existing.has(entryKey(e.input)));
  await db.$transaction(async (tx) => {
    const last = await tx.application.findFirst({ where: { organId, year }, orderBy: { seq: "desc" }, select: { seq: true } });
    let seq = last?.seq ?? 0;
    await tx.application.createMany({
      data: entries.map(({ input }) => ({
        organId,
        year,
        seq: ++seq,
        receivedAt: input.receivedAt,
        method: input.method,
        applicantType: input.applicantType,
        applicantName: input.applicantName,
        contact: input.contact,
        content: input.content,
        steps: stepsJson(input),
        repliedAt: input.repliedAt || null,
        result: input.result || null,
        note: input.note,
        updatedById: user.id,
      })),
    });
    await recordEvent(tx, { actorId: user.id, action: "register.import", detail: { organ: access.organ.fullName, year, fileName: file.name, count: entries.length } });
  });
  await syncReportFromRegister(user, organId, year, db);
  return {
    ok: true,
    count: entries.length,
    problems: [],
    duplicates: check.duplicates ?? 0,
    message: `已导入 ${entries.length} 件申请。` + (check.duplicates ? `${check.duplicates} 件已在台账中，未重复导入。` : ""),
  };
}
