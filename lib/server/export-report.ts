import "server-only";
import { getCurrentUser } from "@/lib/server/session";
import { getReport } from "@/lib/server/services/get-report";
import { buildViewModel, exportFileName } from "@/lib/export/build-view-model";
import { contentDisposition } from "@/lib/export/content-disposition";
import type { ViewModel } from "@/lib/export/view-model";
import { getDb } from "@/lib/server/db";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

export type ExportFormat = "pdf" | "docx";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

async function render(format: ExportFormat, vm: ViewModel): Promise<Buffer> {
  if (format === "pdf") return (await import("@/lib/export/pdf/render")).renderPdf(vm);
  return (await import("@/lib/export/docx/render")).renderDocx(vm);
}

/**
 * The download of a report as PDF or DOCX for a signed-in user. A report the user may not see answers
 * exactly like a missing one (404), so existence does not leak.
 */
export async function exportReportResponse(reportId: string, format: ExportFormat): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return text("找不到该报告。", 404);
  const report = await getReport(user, reportId);
  if (!report) return text("找不到该报告。", 404);
  try {
    const vm = buildViewModel({ year: report.year, status: report.status, content: report.content });
    const bytes = await render(format, vm);
    await getDb().reportEvent.create({
      data: { reportId: report.id, actorId: user.id, action: "report.export", detail: JSON.stringify({ format }) },
    });
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": CONTENT_TYPES[format],
        "content-disposition": contentDisposition(
          exportFileName(report.content.header.organName.trim() || report.organName, report.year, format),
        ),
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    console.error(`${format} export failed`, e);
    return text(`生成 ${format.toUpperCase()} 失败，请稍后重试。`, 500);
  }
}
