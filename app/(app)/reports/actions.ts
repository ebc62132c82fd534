"use server";

import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/session";
import { createReport } from "@/lib/server/services/create-report";
import { chinaYear } from "@/lib/labels";
import { parseWholeNumber } from "@/lib/report";

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

