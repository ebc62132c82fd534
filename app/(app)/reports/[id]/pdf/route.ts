import { getCurrentUser } from "@/lib/server/session";
import { getReport } from "@/lib/server/services/get-report";
import { buildViewModel, exportFileName } from "@/lib/export/build-view-model";
import { renderPdf } from "@/lib/export/pdf/render";
import { contentDisposition } from "@/lib/export/content-disposition";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () => new Response("找不到该报告。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  // A denied read looks exactly like a missing report: existence does not leak.
  if (!user) return notFound();
  const { id } = await params;
  const report = await getReport(user, id);
  if (!report) return notFound();
  try {
    const vm = buildViewModel({ year: report.year, status: report.status, content: report.content });
    const pdf = await renderPdf(vm);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": contentDisposition(exportFileName(report.content.header.organName || report.organName, report.year, "pdf")),
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    console.error("PDF render failed", e);
    return new Response("生成 PDF 失败，请稍后重试。", { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
