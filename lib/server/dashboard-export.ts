import "server-only";
import { getCurrentUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";
import { getDb } from "@/lib/server/db";
import { getDashboardRows, parseDashboardParams, type DashboardRow } from "@/lib/server/services/dashboard";
import { recordEvent } from "@/lib/server/services/audit";
import { organKindLabel, statusWord, type ReportStatus } from "@/lib/report";
import { formatDateTime } from "@/lib/labels";
import { tableXlsx, toCsv } from "@/lib/export/sheets";
import { contentDisposition } from "@/lib/export/content-disposition";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });

export const DASHBOARD_SHEET_HEADER = ["机关", "上级机关", "类型", "报告", "状态", "最后修改", "错误", "警告", "未解决批注", "公开期限", "是否逾期"];

export function dashboardSheetRow(r: DashboardRow): string[] {
  return [
    r.organName,
    r.parentName ?? "",
    organKindLabel(r.kind),
    r.reportKindLabel,
    r.status === "NONE" ? "未创建" : statusWord(r.status as ReportStatus, r.imported),
    r.updatedAt ? formatDateTime(r.updatedAt) : "",
    r.reportId ? String(r.errorCount) : "",
    r.reportId ? String(r.warningCount) : "",
    r.reportId ? String(r.openComments) : "",
    r.deadlineLabel,
    r.overdue ? "已逾期" : "",
  ];
}

/** GET /dashboard/{xlsx,csv}?<the dashboard's filter>: every matching row (all pages); audited. */
export async function dashboardExportResponse(req: Request, format: "xlsx" | "csv"): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || !can(user, "dashboard:view")) return text("找不到该页面。", 404);
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  const data = await getDashboardRows(user, parseDashboardParams(params));
  if (!data) return text("找不到该页面。", 404);
  const rows = data.rows.map(dashboardSheetRow);
  const bytes =
    format === "xlsx"
      ? await tableXlsx(
          `${data.year}年度`,
          DASHBOARD_SHEET_HEADER,
          rows.map((r) => r.map((v, i) => (i >= 6 && i <= 8 && v !== "" ? Number(v) : v))),
        )
      : toCsv(DASHBOARD_SHEET_HEADER, rows);
  await recordEvent(getDb(), { actorId: user.id, action: "dashboard.export", detail: { year: data.year, format, count: rows.length } });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
      "content-disposition": contentDisposition(`审核工作台${data.year}年度.${format}`),
      "cache-control": "private, no-store",
    },
  });
}
