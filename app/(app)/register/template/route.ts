import { getCurrentUser } from "@/lib/server/session";
import { toCsv } from "@/lib/export/sheets";
import { contentDisposition } from "@/lib/export/content-disposition";
import { REGISTER_TEMPLATE_NAME, registerImportTemplate } from "@/lib/register/columns";
import { chinaDateParts } from "@/lib/labels";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /register/template?year=: the register import's template (CSV in UTF-8 with BOM: the columns it reads and
 * one example application of that year, else of this year in China). Signed-in users (it holds no data).
 */
export async function GET(req: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response("找不到该页面。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const asked = Number(new URL(req.url).searchParams.get("year"));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2999 ? asked : chinaDateParts(new Date()).year;
  const { header, rows } = registerImportTemplate(year);
  return new Response(new Uint8Array(toCsv(header, rows)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": contentDisposition(REGISTER_TEMPLATE_NAME),
      "cache-control": "private, no-store",
    },
  });
}
