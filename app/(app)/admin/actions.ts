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
import type { AdminFormState } from "@/components/admin/form-state";

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
