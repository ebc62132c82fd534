import "server-only";
import { getCurrentUser } from "@/lib/server/session";
import { getReport, type ReportDetail } from "@/lib/server/services/get-report";
import { buildViewModel, exportFileName } from "@/lib/export/build-view-model";
import { contentDisposition } from "@/lib/export/content-disposition";
import { getDb } from "@/lib/server/db";
import { getRenderPool, type RenderOutput } from "@/lib/server/render-pool";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

const NOT_FOUND = "找不到该报告。";

export type ExportFormat = "pdf" | "docx";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** Header listing the characters drawn in the fallback face, percent-encoded UTF-8 (headers are ASCII). */
export const MISSING_GLYPHS_HEADER = "x-missing-glyphs";

/** Also says where the render ran ("worker", or "inline" when the pool fell back to this thread). */
const glyphHeader = (chars: string[], via: RenderOutput["via"]) => ({
  [MISSING_GLYPHS_HEADER]: encodeURIComponent(chars.join("")),
  "x-render-via": via,
});

async function visibleReport(reportId: string): Promise<ReportDetail | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  return getReport(user, reportId);
}

const viewModelOf = (report: ReportDetail) =>
  buildViewModel({ year: report.year, status: report.status, content: report.content });

/**
 * The download of a report as PDF or DOCX for a signed-in user, rendered in the worker pool and
 * audited. A report the user may not see answers exactly like a missing one (404), so existence
 * does not leak.
 */
export async function exportReportResponse(reportId: string, format: ExportFormat): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return text(NOT_FOUND, 404);
  const report = await getReport(user, reportId);
  if (!report) return text(NOT_FOUND, 404);
  try {
    const out = await getRenderPool().render(format, viewModelOf(report));
    await getDb().reportEvent.create({
      data: { reportId: report.id, actorId: user.id, action: "report.export", detail: JSON.stringify({ format }) },
    });
    return new Response(new Uint8Array(out.bytes), {
      headers: {
        "content-type": CONTENT_TYPES[format],
        "content-disposition": contentDisposition(
          exportFileName(report.content.header.organName.trim() || report.organName, report.year, format),
        ),
        "cache-control": "private, no-store",
        ...glyphHeader(out.missingGlyphs, out.via),
      },
    });
  } catch (e) {
    console.error(`${format} export failed`, e);
    return text(`生成 ${format === "pdf" ? "PDF" : "Word 文件"}失败，请稍后重试。`, 500);
  }
}

// ---------------------------------------------------------------------------------------------
// Preview: the same PDF for the editor's preview panel; not audited, cached by report version.

/** Identifies what the preview draws: the stored version and the status (the 草稿 watermark). */
const previewTag = (r: ReportDetail) => `"${r.id}.${r.version}.${r.status}.${r.updatedAt.getTime()}"`;

const PREVIEW_CACHE_SIZE = 12;
const CACHE_KEY = Symbol.for("nianbao.previewCache");

/** Recent preview renders (and renders in flight), by tag; shared by all requests of the process. */
function previewCache(): Map<string, Promise<RenderOutput>> {
  const g = globalThis as typeof globalThis & { [CACHE_KEY]?: Map<string, Promise<RenderOutput>> };
  return (g[CACHE_KEY] ??= new Map());
}

function cachedRender(tag: string, report: ReportDetail): Promise<RenderOutput> {
  const cache = previewCache();
  const hit = cache.get(tag);
  if (hit) {
    cache.delete(tag); // most recently used last
    cache.set(tag, hit);
    return hit;
  }
  const p = getRenderPool().render("pdf", viewModelOf(report));
  cache.set(tag, p);
  p.catch(() => cache.delete(tag));
  while (cache.size > PREVIEW_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return p;
}

/**
 * GET /reports/[id]/preview: the report's PDF, inline, for the preview panel. Scoped like the
 * download (404 when not visible), no audit row; an ETag of the report version answers repeated
 * requests with 304, and renders are shared between requests for the same version.
 */
export async function previewReportResponse(req: Request, reportId: string): Promise<Response> {
  const report = await visibleReport(reportId);
  if (!report) return text(NOT_FOUND, 404);
  const tag = previewTag(report);
  const common = { etag: tag, "cache-control": "private, no-cache", "x-report-version": String(report.version) };
  if (req.headers.get("if-none-match") === tag) return new Response(null, { status: 304, headers: common });
  try {
    const out = await cachedRender(tag, report);
    return new Response(new Uint8Array(out.bytes), {
      headers: {
        ...common,
        "content-type": "application/pdf",
        "content-disposition": "inline",
        ...glyphHeader(out.missingGlyphs, out.via),
      },
    });
  } catch (e) {
    console.error("preview render failed", e);
    return text("预览生成失败，请稍后重试。", 500);
  }
}

/**
 * GET /reports/[id]/preview/glyphs: { version, missingGlyphs, unrenderable } — the characters of the
 * stored report that the body face lacks (drawn in the fallback face), and those no face has (the PDF
 * shows □). Cheap (no document drawn).
 */
export async function missingGlyphsResponse(reportId: string): Promise<Response> {
  const report = await visibleReport(reportId);
  if (!report) return text(NOT_FOUND, 404);
  try {
    const glyphs = await getRenderPool().missingGlyphs(viewModelOf(report));
    return Response.json({ version: report.version, ...glyphs }, { headers: { "cache-control": "private, no-store" } });
  } catch (e) {
    console.error("glyph check failed", e);
    return text("字符检查失败。", 500);
  }
}
