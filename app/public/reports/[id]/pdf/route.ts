import { getPublishedReport } from "@/lib/server/services/public-reports";
import { buildViewModel, exportFileName } from "@/lib/export/build-view-model";
import { renderExport } from "@/lib/server/render-pool";
import { contentDisposition } from "@/lib/export/content-disposition";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () =>
  new Response("找不到该报告，或该报告尚未公开。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The PDF of a PUBLISHED report, for anyone; everything else is a 404. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const report = await getPublishedReport(id);
  if (!report) return notFound();
  try {
    const pdf = (await renderExport("pdf", buildViewModel({ year: report.year, status: "PUBLISHED", content: report.content }))).bytes;
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": contentDisposition(exportFileName(report.content.header.organName || report.organName, report.year, "pdf")),
        "cache-control": "public, max-age=300",
      },
    });
  } catch (e) {
    console.error("public PDF render failed", e);
    return new Response("生成 PDF 失败，请稍后重试。", { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
