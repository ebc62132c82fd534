// Bulk export: one zip of the PDFs of every APPROVED/PUBLISHED report in the dashboard's filter.
// Streamed: each PDF is rendered (sequentially, in the render worker pool) and written to the zip as soon as it is ready.
import { Zip, ZipPassThrough } from "fflate";
import { getCurrentUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";
import { getDb } from "@/lib/server/db";
import { getDashboardRows, parseDashboardParams } from "@/lib/server/services/dashboard";
import { recordEvent } from "@/lib/server/services/audit";
import { getReport } from "@/lib/server/services/get-report";
import { buildViewModel, exportFileName } from "@/lib/export/build-view-model";
import { renderExport } from "@/lib/server/render-pool";
import { contentDisposition } from "@/lib/export/content-disposition";
import { chinaWallClock } from "@/lib/labels";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });

export async function GET(req: Request) {
  const user = await getCurrentUser();
  // No session or no permission: a 404, like a missing page (existence does not leak).
  if (!user || !can(user, "dashboard:view")) return text("找不到该页面。", 404);
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  const filter = parseDashboardParams(params);
  const data = await getDashboardRows(user, filter);
  if (!data) return text("找不到该页面。", 404);
  const rows = data.rows.filter((r) => r.reportId && (r.status === "APPROVED" || r.status === "PUBLISHED"));
  if (rows.length === 0) return text("筛选结果中没有已通过或已发布的报告。", 404);

  await recordEvent(getDb(), {
    actorId: user.id,
    action: "report.export_bulk",
    detail: { year: data.year, count: rows.length, filter: params },
  });

  const used = new Set<string>();
  const uniqueName = (name: string) => {
    let candidate = name;
    for (let i = 2; used.has(candidate); i++) candidate = name.replace(/(\.[a-z]+)$/i, `（${i}）$1`);
    used.add(candidate);
    return candidate;
  };

  // Stops as soon as the download is abandoned (the browser's cancel, a closed tab: the stream is cancelled,
  // the request aborted): no more PDFs rendered for nobody. Waits while the client is behind (8 MB queued).
  let stopped = false;
  const gone = () => stopped || req.signal.aborted;
  const stream = new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        const zip = new Zip((err, chunk, final) => {
          if (gone()) return;
          try {
            if (err) {
              controller.error(err);
              return;
            }
            controller.enqueue(chunk);
            if (final) controller.close();
          } catch {
            stopped = true; // closed from the other side in between
          }
        });
        const failures: string[] = [];
        for (const row of rows) {
          while (!gone() && (controller.desiredSize ?? 1) <= 0) await new Promise((r) => setTimeout(r, 50));
          if (gone()) return;
          try {
            const report = await getReport(user, row.reportId!);
            if (!report) continue;
            const vm = buildViewModel({ year: report.year, status: report.status, content: report.content });
            const pdf = (await renderExport("pdf", vm)).bytes;
            if (gone()) return;
            const name = uniqueName(exportFileName(report.content.header.organName || report.organName, report.year, "pdf"));
            const file = new ZipPassThrough(name); // PDFs are already compressed
            file.mtime = chinaWallClock(); // zip times are local wall-clock times: China's
            zip.add(file);
            file.push(new Uint8Array(pdf), true);
          } catch (e) {
            if (gone()) return;
            console.error("bulk export: PDF failed", row.organName, e);
            failures.push(row.organName);
          }
        }
        if (failures.length) {
          const note = new ZipPassThrough("导出失败的报告.txt");
          zip.add(note);
          note.push(new TextEncoder().encode(`以下机关的报告生成 PDF 失败，请单独下载：\r\n${failures.join("\r\n")}\r\n`), true);
        }
        zip.end();
      },
      cancel() {
        stopped = true;
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 8 * 1024 * 1024 }),
  );

  const scopeName = user.role === "ADMIN" ? "全部机关" : user.organName || "所辖机关";
  return new Response(stream, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": contentDisposition(`${scopeName}${data.year}年度政府信息公开工作年度报告.zip`),
      "cache-control": "private, no-store",
    },
  });
}
