import { requestOrigins } from "@/lib/server/auth-core";
import { privateJson } from "@/lib/server/json-response";
import { runSaveAction, SAVE_BODY_LIMIT, saveRefusal } from "@/lib/server/save-action";
import { userFromHeaders } from "@/lib/server/session";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// no-transform: see privateJson
const json = (body: unknown, status = 200) => privateJson(body, status, { noTransform: true });

/**
 * The editor's autosave: POST { baseVersion, changes } as JSON → a SaveResult (lib/report/save-result.ts),
 * always as JSON with a Chinese message. A plain route rather than a server action: every open editor saves
 * every few seconds in the January week, and Next's server-action path costs several times this one's CPU
 * (bench:load, README "Deployment"). Same-origin only, as Next checks a server action: the browser's Origin
 * must be this host (a JSON POST from another site also needs a CORS preflight, which nothing here answers).
 */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const origin = req.headers.get("origin");
  if (!origin || !requestOrigins(req.headers).includes(origin)) return json(saveRefusal("ORIGIN"), 403);
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) return json(saveRefusal("TYPE"), 415);
  const text = await req.text();
  if (Buffer.byteLength(text) > SAVE_BODY_LIMIT) return json(saveRefusal("SIZE"), 413);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json(saveRefusal("TYPE"), 400);
  }
  const input = body && typeof body === "object" && !Array.isArray(body) ? { ...body, reportId: (await params).id } : null;
  return json(await runSaveAction(input, () => userFromHeaders(req.headers)));
}
