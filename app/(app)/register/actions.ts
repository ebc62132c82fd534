"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/lib/server/session";
import { createApplication, deleteApplication, updateApplication, type SaveApplicationResult } from "@/lib/server/services/register-save";
import { carryOverRegister } from "@/lib/server/services/register-carry";
import { addDisclosureCase, deleteDisclosureCase } from "@/lib/server/services/register-cases";
import { setTableSource } from "@/lib/server/services/register-report";
import { checkRegisterImport, confirmRegisterImport, registeredKeys, type ImportCheck } from "@/lib/server/services/register-import";
import { registerAccess } from "@/lib/server/services/register-access";
import { getDb } from "@/lib/server/db";
import { EMPTY_INPUT, FIELD_LABELS, MAX_IMPORT_CELL_CHARS, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, uploadShapeProblem, type ApplicationInput } from "@/lib/register";
import { applicationHistory, type EntryHistoryItem } from "@/lib/server/services/register-history";

const EXPIRED = { ok: false as const, message: "登录已过期：请在新标签页中重新登录，再回到本页保存（您填写的内容仍在本页，刷新或离开本页会丢失）。" };

// The transport check only: the service names a field over its limit (2000 字) itself, so this bound is far above it.
const MAX_TRANSPORT_CHARS = 100_000;
const inputSchema = z.object(Object.fromEntries(Object.keys(EMPTY_INPUT).map((k) => [k, z.string().max(MAX_TRANSPORT_CHARS)]))) as unknown as z.ZodType<ApplicationInput>;

/** The refusal of an input that is not the form's: naming the field when one is, and keeping the form as typed. */
function invalidInput(error: z.ZodError | undefined): SaveApplicationResult {
  const field = error?.issues[0]?.path[0];
  const label = typeof field === "string" ? FIELD_LABELS[field] : undefined;
  if (label)
    return {
      ok: false,
      code: "INVALID",
      message: `「${label}」过长或格式不正确，请删减后再保存（页面上的内容未丢失）。`,
      errors: [{ field: field as keyof ApplicationInput, message: `「${label}」过长或格式不正确` }],
    };
  return { ok: false, code: "INVALID", message: "提交的内容格式不正确，请复制保存已填写的内容后刷新页面重试。" };
}
const year = z.number().int().min(2000).max(2100);

function done<T>(r: T): T {
  revalidatePath("/register");
  return r;
}

export async function createApplicationAction(organId: string, y: number, input: ApplicationInput): Promise<SaveApplicationResult> {
  const user = await getCurrentUser();
  if (!user) return { ...EXPIRED, code: "FORBIDDEN" };
  const p = inputSchema.safeParse(input);
  if (!p.success || !year.safeParse(y).success) return invalidInput(p.error);
  return done(await createApplication(user, String(organId), y, p.data));
}

export async function updateApplicationAction(id: string, baseVersion: number, input: ApplicationInput): Promise<SaveApplicationResult> {
  const user = await getCurrentUser();
  if (!user) return { ...EXPIRED, code: "FORBIDDEN" };
  const p = inputSchema.safeParse(input);
  if (!p.success || !Number.isInteger(baseVersion)) return invalidInput(p.error);
  return done(await updateApplication(user, String(id), baseVersion, p.data));
}

export async function deleteApplicationAction(id: string, baseVersion: number) {
  const user = await getCurrentUser();
  if (!user) return EXPIRED;
  return done(await deleteApplication(user, String(id), Number(baseVersion)));
}

export async function carryOverAction(organId: string, y: number) {
  const user = await getCurrentUser();
  if (!user) return { ...EXPIRED, count: 0 };
  return done(await carryOverRegister(user, String(organId), Number(y)));
}

export async function addCaseAction(organId: string, y: number, input: { kind: string; result: string; coDefendantOnly: boolean; note: string }) {
  const user = await getCurrentUser();
  if (!user) return EXPIRED;
  return done(
    await addDisclosureCase(user, String(organId), Number(y), {
      kind: String(input.kind),
      result: String(input.result),
      coDefendantOnly: !!input.coDefendantOnly,
      note: String(input.note ?? ""),
    }),
  );
}

export async function deleteCaseAction(id: string) {
  const user = await getCurrentUser();
  if (!user) return EXPIRED;
  return done(await deleteDisclosureCase(user, String(id)));
}

export async function setTableSourceAction(organId: string, y: number, table: "t3" | "t4", source: "register" | "typed") {
  const user = await getCurrentUser();
  if (!user) return EXPIRED;
  if ((table !== "t3" && table !== "t4") || (source !== "register" && source !== "typed")) return { ok: false, message: "参数不正确。" };
  const r = await setTableSource(user, String(organId), Number(y), table, source);
  revalidatePath("/reports");
  return done(r);
}

const rowsSchema = z.array(z.array(z.string().max(MAX_IMPORT_CELL_CHARS)).max(MAX_IMPORT_COLUMNS)).max(MAX_IMPORT_ROWS + 1);

/** The rows sent back by the browser, or what is wrong with them (the limit named, not just 「格式不正确」). */
function readRows(rows: unknown, headerRow: number): { ok: true; rows: string[][] } | { ok: false; message: string } {
  const r = rowsSchema.safeParse(rows);
  if (r.success) return { ok: true, rows: r.data };
  const loose = z.array(z.array(z.string())).safeParse(rows);
  return { ok: false, message: (loose.success && uploadShapeProblem(loose.data, headerRow)) || "台账格式不正确，请重新上传。" };
}

export async function checkImportAction(organId: string, y: number, rows: string[][], mapping: string[], headerRow: number): Promise<ImportCheck> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, count: 0, problems: [], message: EXPIRED.message };
  const r = readRows(rows, Number(headerRow) || 1);
  if (!r.ok) return { ok: false, count: 0, problems: [], message: r.message };
  const access = await registerAccess(user, String(organId), getDb());
  if (!access?.edit) return { ok: false, count: 0, problems: [], message: "您不能修改该机关的依申请公开台账。" };
  const existing = await registeredKeys(String(organId), Number(y));
  return checkRegisterImport(r.rows, mapping.map(String), Number(y), Number(headerRow) || 1, existing);
}

export async function confirmImportAction(
  organId: string,
  y: number,
  file: { name: string; rows: string[][]; mapping: string[]; headerRow: number },
): Promise<ImportCheck> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, count: 0, problems: [], message: EXPIRED.message };
  const r = readRows(file.rows, Number(file.headerRow) || 1);
  if (!r.ok) return { ok: false, count: 0, problems: [], message: r.message };
  return done(
    await confirmRegisterImport(user, String(organId), Number(y), {
      name: String(file.name).slice(0, 200),
      rows: r.rows,
      mapping: file.mapping.map(String),
      headerRow: Number(file.headerRow) || 1,
    }),
  );
}

export async function entryHistoryAction(id: string): Promise<EntryHistoryItem[]> {
  const user = await getCurrentUser();
  if (!user) return [];
  return (await applicationHistory(user, String(id))) ?? [];
}
