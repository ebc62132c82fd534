"use server";

import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/lib/server/session";
import { confirmImport, type ConfirmImportInput, type ConfirmImportResult } from "@/lib/server/services/import-report";

/** Confirms the review screen: the service re-checks the signed token and every choice. */
export async function confirmImportAction(input: ConfirmImportInput): Promise<ConfirmImportResult & { redirectTo?: string }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, code: "FORBIDDEN", message: "登录已过期，请重新登录后再导入。" };
  try {
    const r = await confirmImport(user, input);
    if (!r.ok) return r;
    revalidatePath("/reports");
    const id = r.newReportId ?? r.importedReportId;
    return { ...r, redirectTo: id ? `/reports/${id}` : "/reports" };
  } catch (e) {
    console.error("confirmImport failed", e);
    return { ok: false, code: "CONFLICT", message: "导入失败：服务器出错，请稍后重试。" };
  }
}
