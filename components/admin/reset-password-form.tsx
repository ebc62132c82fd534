"use client";

import { resetPasswordAction } from "@/app/(app)/admin/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, FormMessage, errorProps } from "./field";
import { useAdminForm } from "./use-admin-form";

export function ResetPasswordForm({ userId }: { userId: string }) {
  const { state, pending, busy, formProps } = useAdminForm(resetPasswordAction);
  const e = state.fieldErrors;
  return (
    <form {...formProps} key={state.seq} noValidate className="space-y-4" aria-label="重置密码">
      <input type="hidden" name="id" value={userId} />
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="reset-password" label="新密码" error={e.password} hint="至少 8 位；重置后该用户的登录会话全部注销">
          <Input id="reset-password" name="password" type="password" autoComplete="new-password" {...errorProps("reset-password", e.password)} />
        </Field>
        <Field id="reset-confirm" label="确认新密码" error={e.confirm}>
          <Input id="reset-confirm" name="confirm" type="password" autoComplete="new-password" {...errorProps("reset-confirm", e.confirm)} />
        </Field>
      </div>
      <Button type="submit" variant="outline" disabled={busy}>
        {pending ? "正在重置…" : "重置密码"}
      </Button>
      <FormMessage ok={state.ok} message={state.message} testId="reset-password-message" />
    </form>
  );
}
