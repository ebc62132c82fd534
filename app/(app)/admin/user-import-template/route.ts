import { getCurrentUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";
import { toCsv } from "@/lib/export/sheets";
import { contentDisposition } from "@/lib/export/content-disposition";
import { USER_IMPORT_TEMPLATE_NAME, userImportTemplate } from "@/lib/admin/user-import-columns";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /admin/user-import-template: the account import's template (CSV in UTF-8 with BOM: the header and two example rows). Admins only. */
export async function GET() {
  const user = await getCurrentUser();
  if (!user || !can(user, "admin:manage")) return new Response("找不到该页面。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const { header, rows } = userImportTemplate();
  return new Response(new Uint8Array(toCsv(header, rows)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": contentDisposition(USER_IMPORT_TEMPLATE_NAME),
      "cache-control": "private, no-store",
    },
  });
}
