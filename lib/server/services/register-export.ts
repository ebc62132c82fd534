import "server-only";
import { registerXlsx } from "@/lib/export/register-sheet";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { recordEvent } from "./audit";
import { getRegister } from "./register-list";

/** The register as XLSX for a reader in scope (personal columns only for those who may see them); audited. */
export async function exportRegister(
  user: Actor,
  organId: string,
  year: number,
  db: Db = getDb(),
): Promise<{ ok: true; bytes: Buffer; fileName: string } | { ok: false; message: string }> {
  const page = await getRegister(user, organId, year, db);
  if (!page) return { ok: false, message: "找不到该台账，或您无权查看。" };
  const title = `${page.access.organ.fullName}${year}年度政府信息公开申请台账`;
  const bytes = await registerXlsx(
    title,
    page.entries.map((e) => ({ seq: e.seq, carried: e.carried, due: e.deadline.due ?? "", input: e.input })),
    page.access.personal,
  );
  await recordEvent(db, {
    actorId: user.id,
    action: "register.export",
    detail: { organ: page.access.organ.fullName, year, format: "xlsx", count: page.entries.length, personal: page.access.personal },
  });
  return { ok: true, bytes, fileName: `${title}.xlsx` };
}
