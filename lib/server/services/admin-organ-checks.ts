// Shared checks of admin-create-organ / admin-update-organ (tree shape and unique names).
import type { Db, DbTx } from "../db-core";
import { invalid, type AdminFailure, type OrganData } from "./admin-schemas";

/**
 * The tree is county → townships / departments: a county has no parent; a township or department
 * belongs to a county. Full names are unique. Returns a failure naming the field, or null.
 */
export async function checkOrganData(db: Db | DbTx, data: OrganData, selfId: string | null): Promise<AdminFailure | null> {
  if (data.kind === "COUNTY") {
    if (data.parentId) return invalid({ parentId: "县级政府不设上级机关，请将“上级机关”留空" });
  } else {
    if (!data.parentId) return invalid({ parentId: "乡镇和部门须选择所属的县级政府作为“上级机关”" });
    if (data.parentId === selfId) return invalid({ parentId: "上级机关不能是本机关" });
    const parent = await db.organ.findUnique({ where: { id: data.parentId }, select: { kind: true } });
    if (!parent) return invalid({ parentId: "所选上级机关不存在，请刷新后重试" });
    if (parent.kind !== "COUNTY") return invalid({ parentId: "上级机关须为县级政府" });
  }
  const same = await db.organ.findFirst({
    where: { fullName: data.fullName, ...(selfId ? { id: { not: selfId } } : {}) },
    select: { id: true },
  });
  if (same) return { ...invalid({ fullName: `机关全称“${data.fullName}”已存在` }), code: "DUPLICATE" };
  return null;
}
