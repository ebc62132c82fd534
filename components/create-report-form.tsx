"use client";

import { useActionState, useRef, useState } from "react";
import { createReportAction, type CreateReportState } from "@/app/(app)/reports/actions";
import { isGovernment, reportKindLabel, type ReportKind as Kind } from "@/lib/report/client";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * 新建报告: proposes the most recent year without a report (lib/report/years.ts), says which years already
 * have one, and warns as soon as such a year is typed. A government's clerk also chooses the report — its
 * 本级 report or its 汇总 report — and the proposal and the years named follow that choice (a year with a
 * 汇总 report may still need its 本级 report).
 */
export function CreateReportForm({
  suggested,
  existing,
  organKind,
}: {
  /** per report: the year proposed (null: every year has one) */
  suggested: Record<Kind, number | null>;
  /** per report: the years that have one (the organ's own reports) */
  existing: Record<Kind, readonly number[]>;
  /** the clerk's organ: a government's clerk chooses between its 本级 and 汇总 reports */
  organKind: string;
}) {
  const government = isGovernment(organKind);
  const proposal = (k: Kind) => (suggested[k] === null ? "" : String(suggested[k]));
  const [state, action, pending] = useActionState<CreateReportState, FormData>(createReportAction, {
    error: null,
    year: proposal("ORGAN"),
  });
  const [kind, setKind] = useState<Kind>("ORGAN");
  // the choice of report changes the proposed year: disabled until that works (a choice is not undone)
  const hydrated = useHydrated();
  // uncontrolled (what is typed before the page is interactive stays): a ref to change it
  const yearRef = useRef<HTMLInputElement>(null);
  // what is in the box now: what was typed since the server's last answer, else that answer's value
  const [typed, setTyped] = useState({ base: state.year, value: state.year });
  const value = typed.base === state.year ? typed.value : state.year;
  const current = value.trim();
  const existingYears = existing[kind];
  const exists = /^\d{4}$/.test(current) && existingYears.includes(Number(current));
  const label = government ? reportKindLabel(organKind, kind) : "报告";
  const describedBy = [state.error ? "create-report-error" : null, exists ? "create-report-exists" : null, existingYears.length ? "create-report-years" : null]
    .filter(Boolean)
    .join(" ");
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate data-hydrated={hydrated ? "" : undefined}>
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-slate-600">年度</span>
        <input
          name="year"
          inputMode="numeric"
          defaultValue={state.year}
          key={state.year}
          ref={yearRef}
          onChange={(e) => setTyped({ base: state.year, value: e.target.value })}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={describedBy || undefined}
          className="w-28 rounded border border-slate-300 px-2 py-1.5 focus:border-blue-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600/40"
        />
      </label>
      {government ? (
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600">报告</span>
          <select
            name="kind"
            value={kind}
            disabled={!hydrated}
            onChange={(e) => {
              const next: Kind = e.target.value === "ROLLUP" ? "ROLLUP" : "ORGAN";
              // the proposal follows the choice unless another year was typed
              if (current === proposal(kind) && yearRef.current) {
                yearRef.current.value = proposal(next);
                setTyped({ base: state.year, value: proposal(next) });
              }
              setKind(next);
            }}
            className="h-[34px] rounded border border-slate-300 px-2 disabled:bg-slate-50 focus:border-blue-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600/40">
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
          已有{label}的年度：{existingYears.join("、")}（在下方列表中打开）。
          {suggested[kind] === null ? `可新建的年度均已有${label}。` : null}
        </p>
      ) : null}
      {exists && !state.error ? (
        <p id="create-report-exists" role="status" className="w-full text-sm text-amber-800" data-testid="year-exists">
          {current}年度的{label}已存在，请在下方列表中打开，或填写其他年度。
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
