import "server-only";
import { getCurrentUser } from "@/lib/server/session";
import { getDb } from "@/lib/server/db";
import { getRollup, type RollupView } from "@/lib/server/services/rollup";
import { recordEvent } from "@/lib/server/services/audit";
import { dayLabel, organKindLabel, STATUS_LABELS, type ReportStatus } from "@/lib/report";
import { longRows, ROLLUP_CSV_HEADER, rollupXlsx, toCsv, type RollupSheetInput } from "@/lib/export/sheets";
import { contentDisposition } from "@/lib/export/content-disposition";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });

const TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
} as const;

/** The roll-up as sheets (lib/export/sheets.ts): title, note, members, sources. */
export function rollupSheetInput(view: RollupView): RollupSheetInput {
  return {
    title: `${view.organ.fullName}${view.year}年度政府信息公开工作年度报告汇总数据`,
    note: `已计入 ${view.included} / ${view.members.length} 个下级机关（只计已审核通过或已发布的报告）。`,
    cells: view.cells,
    members: view.members.map((m) => ({
      organName: m.organName,
      organKind: organKindLabel(m.organKind),
      report: m.reportKindLabel,
      status: m.status === "NONE" ? "未创建" : STATUS_LABELS[m.status as ReportStatus],
      included: m.state === "included",
      reason: m.reason,
      deadline: dayLabel(m.deadline),
      late: m.late,
    })),
    sources: view.sources,
  };
}

/** GET /rollup/{xlsx,csv}?organ=&year=: the roll-up for a user who may see it (404 otherwise); audited. */
export async function rollupExportResponse(req: Request, format: keyof typeof TYPES): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return text("找不到该页面。", 404);
  const params = new URL(req.url).searchParams;
  const year = Number(params.get("year"));
  const result = await getRollup(user, { organId: params.get("organ") ?? "", year });
  if (!result.ok) return text(result.message, result.code === "NOT_FOUND" ? 404 : 400);
  const view = result.view;
  const input = rollupSheetInput(view);
  const bytes = format === "xlsx" ? await rollupXlsx(input) : toCsv(ROLLUP_CSV_HEADER, longRows(input.sources));
  await recordEvent(getDb(), {
    actorId: user.id,
    action: "rollup.export",
    detail: { organ: view.organ.fullName, year: view.year, format, count: view.included },
  });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": TYPES[format],
      "content-disposition": contentDisposition(`${view.organ.fullName}${view.year}年度汇总.${format}`),
      "cache-control": "private, no-store",
    },
  });
}
