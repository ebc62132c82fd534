import "server-only";
import { CASE_KINDS, CASE_RESULTS } from "@/lib/register";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { recordEvent } from "./audit";
import { registerAccess } from "./register-access";
import { syncReportFromRegister } from "./register-report";

export type CaseInput = { kind: string; result: string; coDefendantOnly: boolean; note: string };

/** Records a 行政复议 / 行政诉讼 case for table 四. */
export async function addDisclosureCase(
  user: Actor,
  organId: string,
  year: number,
  input: CaseInput,
  db: Db = getDb(),
): Promise<{ ok: boolean; message: string }> {
  const access = await registerAccess(user, organId, db);
  if (!access?.edit) return { ok: false, message: "您不能修改该机关的依申请公开台账。" };
  if (!CASE_KINDS.some((k) => k.id === input.kind)) return { ok: false, message: "「案件类型」应为行政复议、未经复议直接起诉或复议后起诉。" };
  if (!CASE_RESULTS.some((r) => r.id === input.result)) return { ok: false, message: "「结果」应为结果维持、结果纠正、其他结果或尚未审结。" };
  if (input.note.length > 2000) return { ok: false, message: "「备注」超过 2000 字。" };
  await db.$transaction(async (tx) => {
    await tx.disclosureCase.create({ data: { organId, year, kind: input.kind, result: input.result, coDefendantOnly: input.coDefendantOnly, note: input.note } });
    await recordEvent(tx, { actorId: user.id, action: "register.case_add", detail: { organ: access.organ.fullName, year } });
  });
  await syncReportFromRegister(user, organId, year, db);
  return { ok: true, message: "已登记。" };
}

export async function deleteDisclosureCase(user: Actor, id: string, db: Db = getDb()): Promise<{ ok: boolean; message: string }> {
  const c = await db.disclosureCase.findUnique({ where: { id }, select: { organId: true, year: true } });
  if (!c) return { ok: false, message: "找不到该案件。" };
  const access = await registerAccess(user, c.organId, db);
  if (!access?.edit) return { ok: false, message: "您不能修改该机关的依申请公开台账。" };
  await db.$transaction(async (tx) => {
    await tx.disclosureCase.delete({ where: { id } });
    await recordEvent(tx, { actorId: user.id, action: "register.case_delete", detail: { organ: access.organ.fullName, year: c.year } });
  });
  await syncReportFromRegister(user, c.organId, c.year, db);
  return { ok: true, message: "已删除。" };
}
