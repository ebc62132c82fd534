// POST /reports/import/upload — the file to import, as the raw request body (the name in X-File-Name,
// URI-encoded). The body is read as a stream with a hard limit: past MAX_IMPORT_BYTES the read is
// cancelled and a Chinese message answered (413); nothing is ever stored. The answer is the review
// (what was recognised, with a signed token for the confirmation) or { ok: false, message }.
import { MAX_IMPORT_BYTES } from "@/lib/import";
import { getCurrentUser } from "@/lib/server/session";
import { prepareImport } from "@/lib/server/services/import-report";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MB = 1024 * 1024;
const TOO_LARGE = `文件过大，最大支持 ${MAX_IMPORT_BYTES / MB} MB。请压缩图片或另存为文字版 PDF/DOCX 后再导入。`;

const answer = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
const refuse = (status: number, code: string, message: string) => answer(status, { ok: false, code, message });

/** The body, or null once it passes `limit` bytes (the rest is not read). */
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true; // same-origin fetches from older browsers; cookies are SameSite=Lax anyway
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function POST(req: Request) {
  const user = await getCurrentUser();
  if (!user) return refuse(401, "UNAUTHENTICATED", "登录已过期，请重新登录后再导入。");
  if (!sameOrigin(req)) return refuse(403, "FORBIDDEN", "请求来源不正确。");

  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_IMPORT_BYTES) {
    await req.body?.cancel().catch(() => {});
    return refuse(413, "too-large", `文件过大（${(declared / MB).toFixed(1)} MB），最大支持 ${MAX_IMPORT_BYTES / MB} MB。`);
  }
  let fileName = "上传的文件";
  try {
    fileName = decodeURIComponent(req.headers.get("x-file-name") ?? "") || fileName;
  } catch {
    // keep the default
  }

  const bytes = await readLimited(req.body, MAX_IMPORT_BYTES).catch(() => undefined);
  if (bytes === undefined) return refuse(400, "INVALID", "文件上传中断，请重试。");
  if (bytes === null) return refuse(413, "too-large", TOO_LARGE);

  try {
    const r = await prepareImport(user, { bytes, fileName });
    if (!r.ok) return refuse(r.code === "FORBIDDEN" || r.code === "NO_ORGAN" ? 403 : 422, r.code, r.message);
    return answer(200, { ok: true, preview: r.preview });
  } catch (e) {
    console.error("import failed", e);
    return refuse(500, "ERROR", "导入失败：服务器处理文件时出错。请确认文件可以正常打开，或另存为 PDF/DOCX 后重试。");
  }
}
