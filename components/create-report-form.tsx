"use client";

import { useActionState } from "react";
import { createReportAction, type CreateReportState } from "@/app/(app)/reports/actions";

export function CreateReportForm({ defaultYear }: { defaultYear: number }) {
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
