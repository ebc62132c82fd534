"use client";

import { saveDeadlinesAction } from "@/app/(app)/admin/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { DeadlineRow } from "@/lib/server/services/admin-deadlines";
import { DEFAULT_DEADLINES } from "@/lib/report/client";
import { Field, FormMessage, errorProps } from "./field";
import { useAdminForm } from "./use-admin-form";

/** The five deadlines of one year for one government's subtree, as 「2月20日」. */
export function DeadlinesForm({ organId, year, rows }: { organId: string; year: number; rows: DeadlineRow[] }) {
  const { state, pending, busy, formProps } = useAdminForm(saveDeadlinesAction);
  const e = state.fieldErrors;
  return (
    <form {...formProps} key={state.seq} noValidate className="space-y-4" aria-label="公开期限">
      <input type="hidden" name="organId" value={organId} />
      <input type="hidden" name="year" value={year} />
      <div className="grid gap-4 md:grid-cols-2">
        {rows.map((r) => {
          const id = `deadline-${r.key}`;
          const d = DEFAULT_DEADLINES[r.key];
          const value = state.values[`d.${r.key}`] ?? `${r.month}月${r.day}日`;
          return (
            <Field key={r.key} id={id} label={`${r.label}（${year + 1}年）`} error={e[`d.${r.key}`]} hint={`默认 ${d.month}月${d.day}日${r.set ? "；当前为本级设置" : ""}`}>
              <Input id={id} name={`d.${r.key}`} defaultValue={value} className="w-40" {...errorProps(id, e[`d.${r.key}`])} />
            </Field>
          );
        })}
      </div>
      <Button type="submit" disabled={busy}>
        {pending ? "正在保存…" : "保存"}
      </Button>
      <FormMessage ok={state.ok} message={state.message} testId="deadlines-message" />
    </form>
  );
}
