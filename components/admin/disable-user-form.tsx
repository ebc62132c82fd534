"use client";

import { setUserDisabledAction } from "@/app/(app)/admin/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "./field";
import { useAdminForm } from "./use-admin-form";

export function DisableUserForm({ userId, disabled, self, username }: { userId: string; disabled: boolean; self: boolean; username: string }) {
  const { state, busy, onSubmit, formProps, ask, confirmProps } = useAdminForm(setUserDisabledAction);
  return (
    // disabling asks first (the user is signed out at once); enabling does not
    <form {...formProps} className="space-y-3" onSubmit={(ev) => onSubmit(ev, disabled ? undefined : ask)}>
      <input type="hidden" name="id" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "0" : "1"} />
      <p className="text-sm text-slate-600">
        {disabled ? "该账号已停用，不能登录。" : self ? "不能停用自己的账号。" : "停用后该用户立即退出登录，且不能再登录；其填写的报告保留。"}
      </p>
      <Button type="submit" variant={disabled ? "outline" : "destructive"} disabled={busy || (!disabled && self)}>
        {disabled ? "启用账号" : "停用账号"}
      </Button>
      <FormMessage ok={state.ok} message={state.message} testId="disable-user-message" />
      <ConfirmDialog
        {...confirmProps}
        title={`停用账号“${username}”？`}
        description="停用后该用户将立即退出登录，且不能再登录；其填写的报告保留。需要时可再启用。"
        confirmLabel="停用账号"
        testId="confirm-disable-user"
      />
    </form>
  );
}
