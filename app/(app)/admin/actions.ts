"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/session";
import type { AdminResult } from "@/lib/server/services/admin-schemas";
import { createOrgan } from "@/lib/server/services/admin-create-organ";
import { setOrganActive, updateOrgan } from "@/lib/server/services/admin-update-organ";
import { saveDeadlines } from "@/lib/server/services/admin-deadlines";
import { createUser } from "@/lib/server/services/admin-create-user";
import { updateUser } from "@/lib/server/services/admin-update-user";
import { resetPassword } from "@/lib/server/services/admin-reset-password";
import { setUserDisabled } from "@/lib/server/services/admin-set-user-disabled";
import { clearLoginLock } from "@/lib/server/services/admin-clear-login-lock";
import { checkOrganImport, importOrgans } from "@/lib/server/services/admin-import-organs";
import { checkUserImport, importUsers } from "@/lib/server/services/admin-import-users";
import type { AdminFormState, OrganImportState, UserImportState } from "@/components/admin/form-state";

/** Text fields of the form (never the password: it is not sent back to the browser). */
function values<K extends string>(form: FormData, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? "")])) as Record<K, string>;
}

async function sessionUser() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

function toState(
  prev: AdminFormState,
  result: AdminResult,
  kept: Record<string, string>,
  success: string,
  clearOnSuccess: boolean,
): AdminFormState {
  if (result.ok) {
    return { ok: true, message: success, fieldErrors: {}, values: clearOnSuccess ? {} : kept, seq: prev.seq + 1 };
  }
  return { ok: false, message: result.message, fieldErrors: result.fieldErrors ?? {}, values: kept, seq: prev.seq + 1 };
}

const ORGAN_FIELDS = ["fullName", "shortName", "kind", "parentId", "sortOrder"] as const;

export async function createOrganAction(prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const user = await sessionUser();
  const v = values(form, ORGAN_FIELDS);
  const result = await createOrgan(user, { ...v, kind: v.kind as never, sortOrder: v.sortOrder || 0 });
  if (result.ok) revalidatePath("/admin/organs");
  return toState(prev, result, v, `已新建机关“${v.fullName.trim()}”。`, true);
}

export async function updateOrganAction(prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const user = await sessionUser();
  const v = values(form, ORGAN_FIELDS);
  const id = String(form.get("id") ?? "");
  const result = await updateOrgan(user, id, { ...v, kind: v.kind as never, sortOrder: v.sortOrder || 0 });
  if (result.ok) revalidatePath("/admin/organs");
  return toState(prev, result, v, result.ok && result.notice ? `已保存机关信息。${result.notice}` : "已保存机关信息。", false);
}

/**
 * The organ import form: `mode` "check" reads the file and sends back its preview (nothing stored);
 * "import" creates its organs (all or none), `expected` being the count the admin was shown.
 */
export async function importOrgansAction(prev: OrganImportState, form: FormData): Promise<OrganImportState> {
  const user = await sessionUser();
  const seq = prev.seq + 1;
  const file = form.get("file");
  if (!(file instanceof File) || !file.name) {
    const message = "请选择要导入的文件（CSV 或 XLSX）";
    return { ok: false, message, fieldErrors: { file: message }, values: {}, seq, preview: null, imported: 0 };
  }
  const input = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  if (form.get("mode") !== "import") {
    const result = await checkOrganImport(user, input);
    const preview = result.ok ? result.preview : (result.preview ?? null);
    const message = result.ok
      ? preview!.create
        ? `文件检查无误：将新建 ${preview!.create} 个机关。` + (preview!.skippedCount ? `另有 ${preview!.skippedCount} 行是已有的机关，将跳过。` : "")
        : "文件中的机关都已存在，没有需要导入的机关。"
      : result.message;
    return { ok: result.ok, message, fieldErrors: {}, values: {}, seq, preview, imported: 0 };
  }
  const expected = Number(form.get("expected"));
  const result = await importOrgans(user, input, Number.isInteger(expected) && expected > 0 ? expected : null);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: {}, values: {}, seq, preview: result.preview ?? null, imported: 0 };
  revalidatePath("/admin/organs");
  const skipped = result.skipped ? `；${result.skipped} 个已存在的机关已跳过` : "";
  return { ok: true, message: `已导入 ${result.created} 个机关${skipped}。`, fieldErrors: {}, values: {}, seq, preview: null, imported: result.created };
}

export async function setOrganActiveAction(prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const user = await sessionUser();
  const id = String(form.get("id") ?? "");
  const active = form.get("active") === "1";
  const result = await setOrganActive(user, id, active);
  if (result.ok) revalidatePath("/admin/organs");
  return toState(prev, result, {}, active ? "已启用该机关。" : "已停用该机关；其报告和历史记录保留。", false);
}

export async function saveDeadlinesAction(prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const user = await sessionUser();
  const kept = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const result = await saveDeadlines(user, {
    organId: String(form.get("organId") ?? ""),
    year: String(form.get("year") ?? ""),
    values: Object.fromEntries([...form.entries()].filter(([k]) => k.startsWith("d.")).map(([k, v]) => [k.slice(2), String(v)])),
  });
  if (result.ok) revalidatePath("/admin/deadlines");
  return toState(prev, result, kept, "已保存公开期限。", false);
}

const USER_FIELDS = ["username", "displayName", "role", "organId"] as const;
/** What the 所属机关 search box (components/admin/organ-picker.tsx) had: shown again after an error. */
const ORGAN_PICKER_FIELDS = ["organIdQuery", "organIdName"] as const;

/** The picker's text when no organ was chosen from its list: the error says so. */
function organPickerErrors(result: AdminResult, picker: Record<(typeof ORGAN_PICKER_FIELDS)[number], string>, organId: string): AdminResult {
  const typed = picker.organIdQuery.trim();
  if (result.ok || organId || !typed || !("fieldErrors" in result) || !result.fieldErrors?.organId) return result;
  return { ...result, fieldErrors: { ...result.fieldErrors, organId: `请从查找结果中选定所属机关（“${typed}”尚未选定）` } };
}

export async function createUserAction(prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const user = await sessionUser();
  const v = values(form, USER_FIELDS);
  const picker = values(form, ORGAN_PICKER_FIELDS);
  const result = organPickerErrors(await createUser(user, { ...v, role: v.role as never, password: String(form.get("password") ?? "") }), picker, v.organId);
  if (result.ok) revalidatePath("/admin/users");
  return toState(prev, result, { ...v, ...picker }, `已新建账号“${v.username.trim().toLowerCase()}”。`, true);
}

/**
 * The account import form: `mode` "check" reads the file and sends back its preview (nothing stored);
 * "import" creates its accounts (all or none), `expected` being the count the admin was shown, and sends back
 * each account's initial password — once, to this answer only (never stored, never in the audit log).
 */
export async function importUsersAction(prev: UserImportState, form: FormData): Promise<UserImportState> {
  const user = await sessionUser();
  const seq = prev.seq + 1;
  const base = { fieldErrors: {}, values: {}, seq, accounts: [], fileName: "" };
  const file = form.get("file");
  if (!(file instanceof File) || !file.name) {
    const message = "请选择要导入的文件（CSV 或 XLSX）";
    return { ...base, ok: false, message, fieldErrors: { file: message }, preview: null };
  }
  const input = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  if (form.get("mode") !== "import") {
    const result = await checkUserImport(user, input);
    const preview = result.ok ? result.preview : (result.preview ?? null);
    const message = result.ok
      ? `文件检查无误：将新建 ${preview!.create} 个账号` + (preview!.generated ? `，其中 ${preview!.generated} 个的初始密码将自动生成。` : "。")
      : result.message;
    return { ...base, ok: result.ok, message, preview };
  }
  const expected = Number(form.get("expected"));
  const result = await importUsers(user, input, Number.isInteger(expected) && expected > 0 ? expected : null);
  if (!result.ok) return { ...base, ok: false, message: result.message, preview: result.preview ?? null };
  revalidatePath("/admin/users");
  return { ...base, ok: true, message: `已导入 ${result.created} 个账号。`, preview: null, accounts: result.accounts, fileName: file.name };
}

export async function updateUserAction(prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const user = await sessionUser();
  const v = values(form, ["displayName", "role", "organId"]);
  const picker = values(form, ORGAN_PICKER_FIELDS);
  const id = String(form.get("id") ?? "");
  const result = organPickerErrors(await updateUser(user, id, { ...v, role: v.role as never }), picker, v.organId);
  if (result.ok) revalidatePath("/admin/users");
  return toState(prev, result, { ...v, ...picker }, "已保存账号信息。", false);
}

export async function resetPasswordAction(prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const user = await sessionUser();
  const id = String(form.get("id") ?? "");
  const password = String(form.get("password") ?? "");
  const confirm = String(form.get("confirm") ?? "");
  if (password !== confirm) {
    return { ok: false, message: "两次输入的新密码不一致", fieldErrors: { confirm: "两次输入的新密码不一致" }, values: {}, seq: prev.seq + 1 };
  }
  const result = await resetPassword(user, id, { password });
  if (result.ok) revalidatePath("/admin/users");
  const revoked = result.ok && result.sessionsRevoked > 0 ? `，已注销其 ${result.sessionsRevoked} 个登录会话` : "";
  return toState(prev, result, {}, `已重置密码${revoked}。`, true);
}

export async function setUserDisabledAction(prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const user = await sessionUser();
  const id = String(form.get("id") ?? "");
  const disabled = form.get("disabled") === "1";
  const result = await setUserDisabled(user, id, disabled);
  if (result.ok) revalidatePath("/admin/users");
  return toState(prev, result, {}, disabled ? "已停用该账号，其登录会话已全部注销。" : "已启用该账号。", false);
}

export async function clearLoginLockAction(prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const user = await sessionUser();
  const ip = String(form.get("ip") ?? "").trim();
  const username = String(form.get("username") ?? "").trim();
  const result = await clearLoginLock(user, ip ? { ip } : { username });
  if (result.ok) revalidatePath("/admin/users", "layout");
  return toState(prev, result, {}, ip ? `已解除网络地址 ${ip} 的登录锁定。` : `已解除账号“${username}”的登录锁定。`, false);
}
