"use client";

import { createUserAction, updateUserAction } from "@/app/(app)/admin/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ROLE_LABELS } from "@/lib/labels";
import { Field, FormMessage, errorProps, selectClass } from "./field";
import { useAdminForm } from "./use-admin-form";
import { LimitedInput, limitHint } from "./limited-input";
import { DISPLAY_NAME_MAX, USERNAME_MAX } from "@/lib/admin/field-limits";
import { OrganPicker } from "./organ-picker";

export type UserFormValues = { username: string; displayName: string; role: string; organId: string };
export type OrganOption = { id: string; name: string; depth: number };

const EMPTY: UserFormValues = { username: "", displayName: "", role: "CLERK", organId: "" };

/**
 * `organs`: the organs to choose from in a select, or null where there are too many for one (a province):
 * then 所属机关 is a search box (OrganPicker) and `organName` names the organ of `initial`.
 */
export function UserForm({
  userId,
  initial,
  organs,
  organName,
}: {
  userId?: string;
  initial?: UserFormValues;
  organs: OrganOption[] | null;
  organName?: string | null;
}) {
  const editing = !!userId;
  const { state, pending, busy, formProps } = useAdminForm(editing ? updateUserAction : createUserAction);
  const v: UserFormValues = { ...EMPTY, ...initial, ...state.values };
  const e = state.fieldErrors;
  return (
    <form {...formProps} key={state.seq} noValidate className="space-y-4" aria-label={editing ? "编辑账号" : "新建账号"}>
      {userId ? <input type="hidden" name="id" value={userId} /> : null}
      <div className="grid gap-4 md:grid-cols-2">
        {editing ? null : (
          <Field id="user-username" label="用户名" error={e.username} hint={`登录用：小写字母、数字或 _ . -，至少 2 个、${limitHint(USERNAME_MAX, "字符")}`}>
            <LimitedInput
              id="user-username"
              name="username"
              label="用户名"
              max={USERNAME_MAX}
              unit="字符"
              defaultValue={v.username}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              {...errorProps("user-username", e.username)}
            />
          </Field>
        )}
        <Field id="user-displayName" label="姓名" error={e.displayName} hint={`显示在页面和审计日志中；${limitHint(DISPLAY_NAME_MAX)}`}>
          <LimitedInput
            id="user-displayName"
            name="displayName"
            label="姓名"
            max={DISPLAY_NAME_MAX}
            defaultValue={v.displayName}
            {...errorProps("user-displayName", e.displayName)}
          />
        </Field>
        <Field
          id="user-role"
          label="角色"
          error={e.role}
          hint="填报人：编写本机关的报告；审核人：审核所属机关及其下级机关的报告；管理员：管理机关和账号"
        >
          <select id="user-role" name="role" defaultValue={v.role} className={selectClass} {...errorProps("user-role", e.role)}>
            {Object.entries(ROLE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="user-organId" label="所属机关" error={e.organId} hint="审核人审核该机关及其下级机关的报告">
          {organs ? (
            <select id="user-organId" name="organId" defaultValue={v.organId} className={selectClass} {...errorProps("user-organId", e.organId)}>
              <option value="">（请选择）</option>
              {organs.map((o) => (
                <option key={o.id} value={o.id}>
                  {"\u3000".repeat(o.depth)}
                  {o.name}
                </option>
              ))}
            </select>
          ) : (
            <OrganPicker
              id="user-organId"
              name="organId"
              initial={v.organId ? { id: v.organId, name: state.values.organIdName || organName || "" } : null}
              query={state.values.organIdQuery}
              invalid={!!e.organId}
              describedBy={e.organId ? "user-organId-error" : undefined}
            />
          )}
        </Field>
        {editing ? null : (
          <Field id="user-password" label="初始密码" error={e.password} hint="至少 8 位；请告知用户登录后妥善保管">
            <Input
              id="user-password"
              name="password"
              type="password"
              autoComplete="new-password"
              {...errorProps("user-password", e.password)}
            />
          </Field>
        )}
      </div>
      <Button type="submit" disabled={busy}>
        {pending ? "正在保存…" : editing ? "保存" : "新建账号"}
      </Button>
      <FormMessage ok={state.ok} message={state.message} testId="user-form-message" />
    </form>
  );
}
