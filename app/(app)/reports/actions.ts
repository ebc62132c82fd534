"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "@/lib/server/session";
import { createReport } from "@/lib/server/services/create-report";
import { saveReport } from "@/lib/server/services/save-report";
import { chinaYear } from "@/lib/labels";
import { parseWholeNumber, type SaveInput, type SaveResult } from "@/lib/report";

export type CreateReportState = { error: string | null; year: string };

const MIN_YEAR = 2021;

export async function createReportAction(_prev: CreateReportState, form: FormData): Promise<CreateReportState> {
  const raw = String(form.get("year") ?? "").trim();
  const maxYear = chinaYear();
  // 「２０２６」 typed with a Chinese input method is 2026, as in the table cells
  const year = parseWholeNumber(raw);
  if (year === null || year < MIN_YEAR || year > maxYear)
    return { error: `年度须为 ${MIN_YEAR} 至 ${maxYear} 之间的整数（2021 年起使用 2021 版格式）。`, year: raw };
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  const kind = form.get("kind") === "ROLLUP" ? "ROLLUP" : "ORGAN";
  const result = await createReport(user, { year, kind });
  if (!result.ok) return { error: result.message, year: raw };
  redirect(`/reports/${result.reportId}`);
}

const saveInputSchema = z.object({
  reportId: z.string().min(1).max(100),
  baseVersion: z.number().int().min(0),
  changes: z.unknown(),
});

export async function saveReportAction(input: SaveInput): Promise<SaveResult> {
  const parsed = saveInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "INVALID", message: "保存请求格式不正确。" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, code: "UNAUTHENTICATED", message: "登录已过期，请重新登录后再保存（本页内容已保留在本机）。" };
  try {
    return await saveReport(user, parsed.data);
  } catch (e) {
    console.error("saveReport failed", e);
    return { ok: false, code: "ERROR", message: "保存失败：服务器出错，请稍后重试（本页内容已保留在本机）。" };
  }
}
