import { getPublishedReport } from "@/lib/server/services/public-reports";
import { buildViewModel, exportFileName } from "@/lib/export/build-view-model";
import { renderExport } from "@/lib/server/render-pool";
import { contentDisposition } from "@/lib/export/content-disposition";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () =>
  new Response("找不到该报告，或该报告尚未公开。", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

/**
 * The PDF of a PUBLISHED report, for anyone; everything else is a 404. Caches revalidate every time
 * (no-cache): a report returned after publishing is withdrawn at once, not served from a cache for minutes.
 * The ETag is the publication (report and time of publishing: its content cannot change while published),
 * so an unchanged PDF is a 304 without rendering it again.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const report = await getPublishedReport(id);
  if (!report) return notFound();
  const etag = `"pub-${report.id}-${report.publishedAt?.getTime() ?? 0}"`;
  const cache = { etag, "cache-control": "public, no-cache" };
  if ((req.headers.get("if-none-match") ?? "").split(/\s*,\s*/).includes(etag)) return new Response(null, { status: 304, headers: cache });
  try {
    const pdf = (await renderExport("pdf", buildViewModel({ year: report.year, status: "PUBLISHED", content: report.content }))).bytes;
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": contentDisposition(exportFileName(report.content.header.organName || report.organName, report.year, "pdf")),
        ...cache,
      },
    });
  } catch (e) {
    console.error("public PDF render failed", e);
    return new Response("生成 PDF 失败，请稍后重试。", { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
