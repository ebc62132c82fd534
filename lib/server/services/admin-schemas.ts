// Input schemas and result types of the administration services (organs and accounts).
// Pure (zod only): the server actions validate with the same schemas to show field messages.
import { z } from "zod";
import { ORGAN_KINDS, isGovernment, parentProblem, type OrganKind } from "@/lib/report";
import { asciiDigits } from "@/lib/report/values";
import { ORGAN_FIELD_LABELS } from "@/lib/labels";
import { DISPLAY_NAME_MAX, ORGAN_NAME_MAX, USERNAME_MAX } from "@/lib/admin/field-limits";
import { ROLES, type Role } from "../permissions";

export { ORGAN_KINDS };
export type OrganKindValue = OrganKind;

/** Field → Chinese message. */
export type FieldErrors = Partial<Record<string, string>>;

export type AdminErrorCode = "FORBIDDEN" | "INVALID" | "NOT_FOUND" | "DUPLICATE" | "CONFLICT";
export type AdminFailure = { ok: false; code: AdminErrorCode; message: string; fieldErrors?: FieldErrors };
export type AdminResult<T extends object = object> = ({ ok: true } & T) | AdminFailure;

export const FORBIDDEN: AdminFailure = { ok: false, code: "FORBIDDEN", message: "您没有管理机关和账号的权限。" };

const trimmed = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });

export { ORGAN_NAME_MAX };

/** Messages of the organ checks, shared by the form (admin-organ-checks.ts) and the file import (lib/admin/organ-import.ts). */
export const ORGAN_MESSAGES = {
  parentIsSelf: "上级机关不能是本机关",
  /** said of an admin bound to an organ who leaves the parent empty */
  onlyBelowOwnOrgan: "您只能在本机关之下新建或移动机关",
  duplicateFullName: (fullName: string) => `机关全称“${fullName}”已存在`,
} as const;

export const organInputSchema = z.object({
  fullName: trimmed(ORGAN_FIELD_LABELS.fullName, ORGAN_NAME_MAX.fullName),
  shortName: trimmed(ORGAN_FIELD_LABELS.shortName, ORGAN_NAME_MAX.shortName),
  kind: z.enum(ORGAN_KINDS, { error: "请选择机关类型（省级、地市级、县级人民政府，政府部门，或乡镇（街道））" }),
  parentId: z
    .string()
    .trim()
    .max(64)
    .nullish()
    .transform((v) => v || null),
  // full-width digits (「１０」) as typed with a Chinese input method are digits too
  sortOrder: z.preprocess((v) => (typeof v === "string" ? asciiDigits(v).trim() : v), z.coerce
    .number({ error: "排序须为 0 至 9999 之间的整数" })
    .int({ error: "排序须为 0 至 9999 之间的整数" })
    .min(0, { error: "排序须为 0 至 9999 之间的整数" })
    .max(9999, { error: "排序须为 0 至 9999 之间的整数" })
    .default(0)),
}).superRefine((o, ctx) => {
  // The tree's shape, reported together with the other field errors (the parent's existence and
  // kind are checked against the database by the services).
  const problem = o.parentId ? null : parentProblem(o.kind, null);
  if (problem) ctx.addIssue({ code: "custom", path: ["parentId"], message: problem });
});
export type OrganInput = z.input<typeof organInputSchema>;
export type OrganData = z.output<typeof organInputSchema>;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const passwordSchema = z
  .string({ error: "请填写密码" })
  .min(PASSWORD_MIN, { error: `密码至少 ${PASSWORD_MIN} 位` })
  .max(PASSWORD_MAX, { error: `密码不能超过 ${PASSWORD_MAX} 位` });

export const USERNAME_RE = new RegExp(`^[a-z0-9][a-z0-9_.-]{1,${USERNAME_MAX - 1}}$`);

const roleSchema = z.enum(ROLES, { error: "请选择角色（填报人、审核人或管理员）" });
const organIdSchema = z
  .string()
  .trim()
  .max(64)
  .nullish()
  .transform((v) => v || null);

export const userUpdateSchema = z.object({
  displayName: trimmed("姓名", DISPLAY_NAME_MAX),
  role: roleSchema,
  organId: organIdSchema,
});
export type UserUpdateInput = z.input<typeof userUpdateSchema>;

export const userCreateSchema = userUpdateSchema.extend({
  username: z
    .string({ error: "请填写用户名" })
    .trim()
    .toLowerCase()
    .min(1, { error: "请填写用户名" })
    .regex(USERNAME_RE, { error: `用户名须为 2 至 ${USERNAME_MAX} 位小写字母、数字或 _ . -，以字母或数字开头` }),
  password: passwordSchema,
});
export type UserCreateInput = z.input<typeof userCreateSchema>;

export const resetPasswordSchema = z.object({ password: passwordSchema });

/** Zod issues → first message per top-level field, plus a summary naming the fields. */
export function fieldErrorsOf(error: z.ZodError): { fieldErrors: FieldErrors; message: string } {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_");
    fieldErrors[key] ??= issue.message;
  }
  return { fieldErrors, message: Object.values(fieldErrors).join("；") };
}

export function invalid(fieldErrors: FieldErrors): AdminFailure {
  return { ok: false, code: "INVALID", message: Object.values(fieldErrors).join("；"), fieldErrors };
}

/** Which organs a role may be bound to. */
export const ORGAN_REQUIRED = "填报人和审核人须选择所属机关";

/** Messages of the account checks, shared by the form (admin-user-checks.ts, admin-create-user.ts) and the file import (lib/admin/user-import.ts). */
export const USER_MESSAGES = {
  usernameTaken: (username: string) => `用户名“${username}”已被使用`,
  /** said of an admin bound to an organ who leaves an account's organ empty */
  onlyOwnSubtree: "您只能管理本机关及下级机关的账号",
  organInactive: (fullName: string) => `“${fullName}”已停用，不能再为它设置账号`,
  supervisorNeedsGovernment: "审核人须属于人民政府（其政务公开主管部门），审核其下级机关的报告",
} as const;

/**
 * Why an account of `role` cannot be bound to `organ` (found within the admin's subtree), or null. An organ
 * deactivated since may be kept by an account already bound to it (`keeps`).
 */
export function userOrganProblem(role: Role, organ: { fullName: string; kind: string; active: boolean }, keeps = false): string | null {
  if (!organ.active && !keeps) return USER_MESSAGES.organInactive(organ.fullName);
  if (role === "SUPERVISOR" && !isGovernment(organ.kind)) return USER_MESSAGES.supervisorNeedsGovernment;
  return null;
}

export function roleNeedsOrgan(role: Role): boolean {
  return role !== "ADMIN";
}
