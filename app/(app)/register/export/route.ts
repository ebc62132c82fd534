import { getCurrentUser } from "@/lib/server/session";
import { exportRegister } from "@/lib/server/services/register-export";
import { contentDisposition } from "@/lib/export/content-disposition";

/** GET /register/export?organ=&year=: the register as XLSX for a reader in scope (404 otherwise); audited. */
export async function GET(req: Request): Promise<Response> {
  const user = await getCurrentUser();
  const params = new URL(req.url).searchParams;
  const r = user ? await exportRegister(user, params.get("organ") ?? "", Number(params.get("year"))) : null;
  if (!r || !r.ok)
    return new Response(r?.message ?? "找不到该页面。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(r.bytes), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": contentDisposition(r.fileName),
      "cache-control": "private, no-store",
    },
  });
}
