"use client";

import { useActionState } from "react";
import { createReportAction, type CreateReportState } from "@/app/(app)/reports/actions";

/** The government's clerk creates its 汇总 report for the year, prefilled from the roll-up. */
export function CreateRollupReportButton({ year }: { year: number }) {
  const [state, action, pending] = useActionState<CreateReportState, FormData>(createReportAction, { error: null, year: String(year) });
  return (
    <form action={action} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="kind" value="ROLLUP" />
      <button
        type="submit"
        disabled={pending}
        data-testid="create-rollup-report"
        className="inline-flex h-9 items-center rounded-md bg-blue-700 px-3 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "正在生成…" : `以此汇总新建${year}年度汇总报告`}
      </button>
      {state.error ? (
        <p role="alert" className="max-w-md text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
