import { getCurrentUser } from "@/lib/server/session";
import { privateJson } from "@/lib/server/json-response";
import { can } from "@/lib/server/permissions";
import { searchOrganOptions } from "@/lib/server/services/admin-organ-options";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const json = privateJson;

/** GET ?q=<part of a name>: { options: [{ id, name, parentName }], more } — the users form's 所属机关 search. */
export async function GET(req: Request) {
  const user = await getCurrentUser();
  if (!user) return json({ message: "登录已过期，请重新登录。" }, 401);
  if (!can(user, "admin:manage")) return json({ message: "没有权限。" }, 403);
  try {
    return json(await searchOrganOptions(user, new URL(req.url).searchParams.get("q") ?? ""));
  } catch (e) {
    console.error("organ options failed", e);
    return json({ message: "服务器错误。" }, 500);
  }
}
