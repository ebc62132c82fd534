"use client";

import { useActionState } from "react";
import { createReportAction, type CreateReportState } from "@/app/(app)/reports/actions";

export function CreateReportForm({ defaultYear, government = false }: { defaultYear: number; /** the organ is a government: 本级 or 汇总 report */ government?: boolean }) {
  const [state, action, pending] = useActionState<CreateReportState, FormData>(createReportAction, {
    error: null,
    year: String(defaultYear),
  });
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-slate-600">年度</span>
        <input
          name="year"
          inputMode="numeric"
          defaultValue={state.year}
          key={state.year}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "create-report-error" : undefined}
          className="w-28 rounded border border-slate-300 px-2 py-1.5 focus:border-blue-600 focus:outline-none"
        />
      </label>
      {government ? (
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600">报告</span>
          <select name="kind" defaultValue="ORGAN" className="h-[34px] rounded border border-slate-300 px-2 focus:border-blue-600 focus:outline-none">
            <option value="ORGAN">本级报告</option>
            <option value="ROLLUP">汇总报告（由下级报告汇总）</option>
          </select>
        </label>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "正在创建…" : "新建报告"}
      </button>
      {state.error ? (
        <p id="create-report-error" role="alert" className="w-full text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
