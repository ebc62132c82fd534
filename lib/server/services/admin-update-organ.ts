import "server-only";
import { getDb, type Db } from "../db-core";
import { moveInClosure } from "../organ-tree";
import { FINAL_STATUSES, organScope } from "../scope";
import type { Actor } from "../types";
import { checkOrganData } from "./admin-organ-checks";
import { FORBIDDEN, fieldErrorsOf, organInputSchema, type AdminResult, type OrganInput } from "./admin-schemas";
import { activeAdmin } from "./admin-user-checks";
import { recordEvent } from "./audit";
import { parseStoredContent } from "./report-row";
import { reportName, reportSigner } from "@/lib/report";

/**
 * Renames an organ, changes its kind or order, or moves it (with its whole subtree and reports) under
 * another parent. ADMIN only, within the admin's subtree; audited with the changed fields. A move
 * rewrites the closure rows in the same transaction, so every scope follows at once.
 */
export async function updateOrgan(sessionUser: Actor, organId: string, input: OrganInput, db: Db = getDb()): Promise<AdminResult<{ notice?: string }>> {
  // Re-read: a disabled or demoted account (old session) has no administrative power.
  const user = await activeAdmin(sessionUser, db);
  if (!user) return FORBIDDEN;
  const current = await db.organ.findFirst({
    where: { AND: [{ id: organId }, organScope(user)] },
    select: { id: true, fullName: true, shortName: true, kind: true, parentId: true, sortOrder: true },
  });
  if (!current) return { ok: false, code: "NOT_FOUND", message: "找不到该机关。" };
  const parsed = organInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "INVALID", ...fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  const problem = await checkOrganData(db, data, organId, user);
  if (problem) return problem;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["fullName", "shortName", "kind", "parentId", "sortOrder"] as const) {
    if (current[key] !== data[key]) changes[key] = { from: current[key], to: data[key] };
  }
  if (Object.keys(changes).length === 0) return { ok: true };
  const moved = current.parentId !== data.parentId;
  await db.$transaction(async (tx) => {
    await tx.organ.update({ where: { id: organId }, data });
    if (moved) await moveInClosure(tx, organId, data.parentId);
    await recordEvent(tx, { actorId: user.id, action: moved ? "organ.move" : "organ.update", detail: { organId, fullName: data.fullName, changes } });
  });
  const notices: string[] = [];
  if (changes.fullName) {
    const unsigned = await draftsSignedAs(db, organId, current);
    if (unsigned.length)
      notices.push(
        `该机关尚未审核通过的${unsigned.join("、")}的署名仍为原名称：填报人打开报告时会看到提示，请其改为现名称。`,
      );
  }
  if (moved) {
    const counted = await countedInFinalRollups(db, organId);
    if (counted.length)
      notices.push(
        `注意：${data.fullName}的报告已计入${counted.join("、")}（已审核通过）。上级的汇总不再计入这些汇总报告（其中的数字会被重复计算），` +
          `需由上级将其退回修改，「更新汇总数据」后重新提交。`,
      );
  }
  return notices.length ? { ok: true, notice: notices.join("") } : { ok: true };
}

/** The organ's reports not yet approved still signed with the organ's old name (「2025年度汇总报告」), newest first. */
async function draftsSignedAs(db: Db, organId: string, old: { fullName: string; shortName: string; kind: string }): Promise<string[]> {
  const rows = await db.report.findMany({
    where: { organId, status: { notIn: [...FINAL_STATUSES] } },
    select: { year: true, kind: true, content: true },
    orderBy: [{ year: "desc" }, { kind: "asc" }],
  });
  return rows
    .filter((r) => {
      try {
        return parseStoredContent(r.content).header.organName.trim() === reportSigner(old, r.kind);
      } catch {
        return false;
      }
    })
    .map((r) => reportName(r.year, old.kind, r.kind));
}

/**
 * The approved or published 汇总 reports of governments the organ is no longer under that counted one of
 * its own reports (their rollupBasis names it).
 */
async function countedInFinalRollups(db: Db, organId: string): Promise<string[]> {
  const [own, above] = await Promise.all([
    db.report.findMany({ where: { organId }, select: { id: true } }),
    db.organClosure.findMany({ where: { organId }, select: { ancestorId: true } }),
  ]);
  if (own.length === 0) return [];
  const rows = await db.report.findMany({
    where: {
      kind: "ROLLUP",
      status: { in: [...FINAL_STATUSES] },
      organId: { notIn: above.map((a) => a.ancestorId) },
      OR: own.map((r) => ({ rollupBasis: { contains: r.id } })),
    },
    select: { year: true, organ: { select: { fullName: true } } },
    orderBy: [{ year: "desc" }],
    take: 10,
  });
  return rows.map((r) => `${r.organ.fullName}${r.year}年度汇总报告`);
}

/**
 * Deactivates an organ (it keeps its reports and history, gets no new reports and drops out of the
 * lists of expected reports) or activates it again. Refused while an organ below it is still active.
 */
export async function setOrganActive(sessionUser: Actor, organId: string, active: boolean, db: Db = getDb()): Promise<AdminResult> {
  const user = await activeAdmin(sessionUser, db);
  if (!user) return FORBIDDEN;
  const current = await db.organ.findFirst({
    where: { AND: [{ id: organId }, organScope(user)] },
    select: { id: true, fullName: true, active: true, parent: { select: { active: true, fullName: true } } },
  });
  if (!current) return { ok: false, code: "NOT_FOUND", message: "找不到该机关。" };
  if (current.active === active) return { ok: true };
  if (!active) {
    if (organId === user.organId) return { ok: false, code: "CONFLICT", message: "不能停用您本人所属的机关。" };
    const activeChildren = await db.organ.count({ where: { parentId: organId, active: true } });
    if (activeChildren > 0)
      return { ok: false, code: "CONFLICT", message: `${current.fullName}下还有 ${activeChildren} 个未停用的下级机关，请先停用或移走它们。` };
  } else if (current.parent && !current.parent.active) {
    return { ok: false, code: "CONFLICT", message: `上级机关“${current.parent.fullName}”已停用，请先启用上级机关。` };
  }
  await db.$transaction(async (tx) => {
    await tx.organ.update({ where: { id: organId }, data: { active, deactivatedAt: active ? null : new Date() } });
    await recordEvent(tx, { actorId: user.id, action: active ? "organ.activate" : "organ.deactivate", detail: { organId, fullName: current.fullName } });
  });
  return { ok: true };
}
