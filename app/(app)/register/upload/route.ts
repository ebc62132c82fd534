import { getCurrentUser } from "@/lib/server/session";
import { readRegisterUpload } from "@/lib/export/register-sheet";
import { guessMapping, uploadShapeProblem } from "@/lib/register";

const MAX_BYTES = 10 * 1024 * 1024;

/** POST /register/upload (multipart "file"): an uploaded 台账 read into rows and a guessed mapping. Stores nothing. */
export async function POST(req: Request): Promise<Response> {
  const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "cache-control": "no-store" } });
  const user = await getCurrentUser();
  if (!user) return json({ ok: false, message: "登录已过期，请重新登录。" }, 401);
  let file: File | null = null;
  try {
    const form = await req.formData();
    const f = form.get("file");
    file = f instanceof File ? f : null;
  } catch {
    file = null;
  }
  if (!file) return json({ ok: false, message: "请选择台账文件（XLSX 或 CSV）。" }, 400);
  if (file.size > MAX_BYTES) return json({ ok: false, message: "文件超过 10 MB。" }, 400);
  if (!/\.(xlsx|csv|txt)$/i.test(file.name)) return json({ ok: false, message: "只能导入 XLSX 或 CSV 格式的台账（旧版 .xls 请先另存为 .xlsx）。" }, 400);
  try {
    const { rows, headerRow } = await readRegisterUpload(file.name, new Uint8Array(await file.arrayBuffer()));
    if (!rows.length) return json({ ok: false, message: "文件中没有找到表头行（至少三列有文字的一行）。" }, 400);
    const shape = uploadShapeProblem(rows, headerRow);
    if (shape) return json({ ok: false, message: shape }, 400);
    return json({ ok: true, name: file.name, rows, headerRow, mapping: guessMapping(rows[0] ?? []) });
  } catch {
    return json({ ok: false, message: "无法读取该文件，请确认它是 XLSX 或 CSV 格式。" }, 400);
  }
}
