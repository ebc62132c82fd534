"use client";

import { useActionState, useState } from "react";
import { createReportAction, type CreateReportState } from "@/app/(app)/reports/actions";

/**
 * 新建报告: proposes `defaultYear` (the most recent year without a report, lib/report/years.ts), says
 * which years already have one, and warns as soon as such a year is typed. A government's clerk also
 * chooses the report: its 本级 report or its 汇总 report.
 */
export function CreateReportForm({
  defaultYear,
  existingYears,
  government = false,
}: {
  defaultYear: number | null;
  existingYears: readonly number[];
  government?: boolean;
}) {
  const [state, action, pending] = useActionState<CreateReportState, FormData>(createReportAction, {
    error: null,
    year: defaultYear === null ? "" : String(defaultYear),
  });
  // what is in the box now (the server's answer puts its value back, see key below)
  const [typed, setTyped] = useState({ base: state.year, value: state.year });
  const current = (typed.base === state.year ? typed.value : state.year).trim();
  const exists = /^\d{4}$/.test(current) && existingYears.includes(Number(current));
  const describedBy = [state.error ? "create-report-error" : null, exists ? "create-report-exists" : null, existingYears.length ? "create-report-years" : null]
    .filter(Boolean)
    .join(" ");
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-slate-600">年度</span>
        <input
          name="year"
          inputMode="numeric"
          defaultValue={state.year}
          key={state.year}
          onChange={(e) => setTyped({ base: state.year, value: e.target.value })}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={describedBy || undefined}
          className="w-28 rounded border border-slate-300 px-2 py-1.5 focus:border-blue-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600/40"
        />
      </label>
      {government ? (
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600">报告</span>
          <select name="kind" defaultValue="ORGAN" className="h-[34px] rounded border border-slate-300 px-2 focus:border-blue-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600/40">
            <option value="ORGAN">本级报告</option>
            <option value="ROLLUP">汇总报告（由下级报告汇总）</option>
          </select>
        </label>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-60"
      >
        {pending ? "正在创建…" : "新建报告"}
      </button>
      {existingYears.length > 0 ? (
        <p id="create-report-years" className="w-full text-sm text-slate-600" data-testid="existing-years">
          已有报告的年度：{existingYears.join("、")}（在下方列表中打开）。
          {defaultYear === null ? "可新建的年度均已有报告。" : null}
        </p>
      ) : null}
      {exists && !state.error ? (
        <p id="create-report-exists" role="status" className="w-full text-sm text-amber-800" data-testid="year-exists">
          {current}年度的报告已存在，请在下方列表中打开，或填写其他年度。
        </p>
      ) : null}
      {state.error ? (
        <p id="create-report-error" role="alert" className="w-full text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
