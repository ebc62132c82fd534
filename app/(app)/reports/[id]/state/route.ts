import { getCurrentUser } from "@/lib/server/session";
import { privateJson } from "@/lib/server/json-response";
import { getReportState } from "@/lib/server/services/report-state";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const json = privateJson;

/** GET ?v=<version the editor knows>: { version, savedAt, status, commentsStamp, content|null } (lib/report ReportState). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return json({ message: "登录已过期，请重新登录。" }, 401);
  const v = new URL(req.url).searchParams.get("v");
  const knownVersion = v !== null && /^\d{1,9}$/.test(v) ? Number(v) : null;
  try {
    const state = await getReportState(user, { reportId: (await params).id, knownVersion });
    return state ? json(state) : json({ message: "找不到该报告。" }, 404);
  } catch (e) {
    console.error("report state failed", e);
    return json({ message: "服务器错误。" }, 500);
  }
}
