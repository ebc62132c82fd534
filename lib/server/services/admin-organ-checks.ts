// Shared checks of admin-create-organ / admin-update-organ (the tree's shape, the admin's subtree,
// unique names). The kinds and which may sit under which: lib/report/organ-levels.ts.
import { parentProblem, type OrganKind } from "@/lib/report";
import type { Db, DbTx } from "../db-core";
import { isInSubtree } from "../organ-tree";
import { organScope } from "../scope";
import type { Actor } from "../types";
import { invalid, ORGAN_MESSAGES, type AdminFailure, type OrganData } from "./admin-schemas";

/**
 * The parent exists, lies in the admin's subtree and may hold this kind; an organ is never moved under
 * itself or its own descendant; an admin bound to an organ never creates a top-level organ nor moves
 * its own organ away; the children still fit the new kind; full names are unique. Returns a failure
 * naming the field, or null.
 */
export async function checkOrganData(db: Db | DbTx, data: OrganData, selfId: string | null, admin: Actor): Promise<AdminFailure | null> {
  if (data.parentId) {
    if (data.parentId === selfId) return invalid({ parentId: ORGAN_MESSAGES.parentIsSelf });
    const parent = await db.organ.findFirst({ where: { AND: [{ id: data.parentId }, organScope(admin)] }, select: { kind: true, fullName: true } });
    if (!parent) return invalid({ parentId: "所选上级机关不存在或不在您的管理范围内，请刷新后重试" });
    const problem = parentProblem(data.kind, parent.kind);
    if (problem) return invalid({ parentId: problem });
    if (selfId && (await isInSubtree(db, data.parentId, selfId)))
      return invalid({ parentId: `不能把机关移到它自己的下级机关“${parent.fullName}”之下` });
  } else {
    const problem = parentProblem(data.kind, null);
    if (problem) return invalid({ parentId: problem });
    if (admin.organId) return invalid({ parentId: `请选择上级机关（${ORGAN_MESSAGES.onlyBelowOwnOrgan}）` });
  }
  if (selfId) {
    if (selfId === admin.organId) {
      const current = await db.organ.findUnique({ where: { id: selfId }, select: { parentId: true } });
      if ((current?.parentId ?? null) !== data.parentId) return invalid({ parentId: "不能移动您本人所属的机关（请由上级管理员操作）" });
    }
    const children = await db.organ.findMany({ where: { parentId: selfId }, select: { kind: true, fullName: true } });
    for (const c of children) {
      const problem = parentProblem(c.kind as OrganKind, data.kind);
      if (problem) return invalid({ kind: `下级机关“${c.fullName}”：${problem}` });
    }
  }
  const same = await db.organ.findFirst({
    where: { fullName: data.fullName, ...(selfId ? { id: { not: selfId } } : {}) },
    select: { id: true },
  });
  if (same) return { ...invalid({ fullName: ORGAN_MESSAGES.duplicateFullName(data.fullName) }), code: "DUPLICATE" };
  return null;
}
