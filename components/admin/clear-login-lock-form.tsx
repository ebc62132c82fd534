"use client";

import { clearLoginLockAction } from "@/app/(app)/admin/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "./field";
import { useAdminForm } from "./use-admin-form";

/** 解除锁定: of a username (all addresses) or of an address (all usernames). */
export function ClearLoginLockForm({ username, ip }: { username?: string; ip?: string }) {
  const { state, busy, formProps } = useAdminForm(clearLoginLockAction);
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-2">
      {ip ? <input type="hidden" name="ip" value={ip} /> : <input type="hidden" name="username" value={username ?? ""} />}
      <Button type="submit" variant="outline" size="sm" disabled={busy}>
        {ip ? "解除该地址的锁定" : "解除该账号的锁定"}
      </Button>
      <FormMessage ok={state.ok} message={state.message} testId="clear-lock-message" />
    </form>
  );
}
