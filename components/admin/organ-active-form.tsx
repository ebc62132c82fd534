"use client";

import { setOrganActiveAction } from "@/app/(app)/admin/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "./field";
import { useAdminForm } from "./use-admin-form";

/** Deactivate an organ (its reports and history stay) or activate it again. */
export function OrganActiveForm({ organId, active, organName }: { organId: string; active: boolean; organName: string }) {
  const { state, busy, onSubmit, formProps, ask, confirmProps } = useAdminForm(setOrganActiveAction);
  return (
    // deactivating asks first; activating does not
    <form {...formProps} className="space-y-3" onSubmit={(ev) => onSubmit(ev, active ? ask : undefined)}>
      <input type="hidden" name="id" value={organId} />
      <input type="hidden" name="active" value={active ? "0" : "1"} />
      <p className="text-sm text-slate-600">
        {active ? "机关撤并或不再报送时可停用：已有报告、审核记录和历史保留，公开的报告仍可查阅。" : "该机关已停用：不能新建报告，不列入应报送名单。"}
      </p>
      <Button type="submit" variant={active ? "destructive" : "outline"} disabled={busy} data-testid="organ-active-button">
        {active ? "停用机关" : "启用机关"}
      </Button>
      <FormMessage ok={state.ok} message={state.message} testId="organ-active-message" />
      <ConfirmDialog
        {...confirmProps}
        title={`停用“${organName}”？`}
        description="停用后该机关不能再新建报告，也不再列入应报送名单；已有的报告和历史记录保留。需要时可再启用。"
        confirmLabel="停用机关"
        testId="confirm-organ-active"
      />
    </form>
  );
}
