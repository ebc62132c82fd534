import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";
import { getRollup, listRollupOrgans, rollupYearParam, type RollupView } from "@/lib/server/services/rollup";
import { defaultDashboardYear } from "@/lib/server/services/dashboard";
import { CELLS, TABLES, sectionByKey, sectionHeading, type TableDef } from "@/lib/template";
import { computeTotals, dayLabel, feeStatement, organKindLabel } from "@/lib/report";
import { placeGrid } from "@/lib/export/sheets";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { selectClass } from "@/components/admin/field";
import { cn } from "@/lib/utils";
import { CreateRollupReportButton } from "@/components/rollup/create-rollup-report";

export const metadata = { title: "汇总 · 年报通" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

function href(organId: string, year: number, cell?: string) {
  const q = new URLSearchParams({ organ: organId, year: String(year) });
  if (cell) q.set("cell", cell);
  return `/rollup?${q.toString()}${cell ? "#drill" : ""}`;
}

/** A table of the roll-up in the official layout; every figure links to who contributes it. */
function RollupTable({ def, view, selected }: { def: TableDef; view: RollupView; selected: string | undefined }) {
  const { rows, placed } = placeGrid(def);
  const byRow = Array.from({ length: rows }, (_, r) => placed.filter((p) => p.r === r));
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[720px] table-fixed border-collapse text-[13px]" data-table={def.id}>
        <caption className="sr-only">{`${def.name}（汇总）`}</caption>
        <colgroup>
          {def.columnWidths.map((w, i) => (
            <col key={i} style={{ width: `${(w * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        <tbody>
          {byRow.map((cells, r) => (
            <tr key={r}>
              {cells.map((p) => {
                if (!p.cellId)
                  return (
                    <th
                      key={`${p.r}:${p.c}`}
                      colSpan={p.cs > 1 ? p.cs : undefined}
                      rowSpan={p.rs > 1 ? p.rs : undefined}
                      scope={p.header ? "col" : "row"}
                      className={cn(
                        "border border-slate-300 px-2 py-1 align-middle font-normal",
                        p.header ? "bg-slate-50 text-center text-xs text-slate-700" : "text-left text-slate-800",
                      )}
                    >
                      {p.text}
                    </th>
                  );
                const cellDef = CELLS.get(p.cellId)!;
                const value = cellDef.computed ? String(view.totals[p.cellId] ?? "—") : (view.cells[p.cellId] ?? "");
                return (
                  <td
                    key={p.cellId}
                    colSpan={p.cs > 1 ? p.cs : undefined}
                    className={cn(
                      "border border-slate-300 p-0 text-right tabular-nums",
                      cellDef.computed && "bg-slate-50 font-semibold",
                      selected === p.cellId && "bg-yellow-100 ring-2 ring-inset ring-amber-400",
                    )}
                  >
                    <Link
                      href={href(view.organ.id, view.year, p.cellId)}
                      data-cell={p.cellId}
                      aria-label={`${cellDef.name}：${value}，查看来源`}
                      className="block px-2 py-1.5 text-slate-900 hover:bg-blue-50 hover:underline"
                      scroll={false}
                    >
                      {value}
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DrillDown({ view, cellId }: { view: RollupView; cellId: string }) {
  const def = CELLS.get(cellId);
  if (!def) return null;
  const value = (s: RollupView["sources"][number]) => (def.computed ? String(computeTotals(s.cells)[cellId] ?? "") : (s.cells[cellId] ?? "").trim());
  const rows = view.sources.map((s) => ({ ...s, value: value(s) }));
  const nonzero = rows.filter((r) => r.value !== "" && Number(r.value) !== 0);
  const total = def.computed ? String(view.totals[cellId] ?? "") : (view.cells[cellId] ?? "");
  const excluded = view.members.filter((m) => m.state !== "included");
  return (
    <section id="drill" className="rounded-lg border border-amber-300 bg-amber-50/50 p-4" aria-labelledby="drill-title" data-testid="drill-down">
      <h2 id="drill-title" className="text-base font-semibold">
        {def.name}：合计 {total}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        由 {view.included} 个已计入的下级报告相加而成，其中 {nonzero.length} 个不为 0。
        {excluded.length > 0 ? ` 另有 ${excluded.length} 个下级机关未计入（见上表）。` : ""}
      </p>
      <table className="mt-3 w-full max-w-2xl text-sm">
        <thead className="text-left text-slate-600">
          <tr>
            <th className="py-1 font-medium">机关</th>
            <th className="py-1 text-right font-medium">数值</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.reportId} className="border-t border-amber-200" data-contributor={r.organName}>
              <td className="py-1">
                <Link href={`/reports/${r.reportId}`} className="text-blue-700 hover:underline">
                  {r.organName}
                </Link>
              </td>
              <td className="py-1 text-right tabular-nums">{r.value || "0"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Link href={href(view.organ.id, view.year)} scroll={false} className="mt-3 inline-block text-sm text-blue-700 hover:underline">
        关闭明细
      </Link>
    </section>
  );
}

export default async function RollupPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireUser();
  if (!can(user, "report:read")) notFound();
  const sp = await searchParams;
  const organs = await listRollupOrgans(user);
  const yearRaw = one(sp.year);
  // a year asked for is kept as asked (getRollup says what is wrong with a bad one); none asked: the default
  const year = yearRaw ? rollupYearParam(yearRaw) : defaultDashboardYear();
  const organId = one(sp.organ) ?? (organs.find((o) => o.id === user.organId) ?? organs[0])?.id;
  const cell = one(sp.cell);

  const form = (
    <form method="get" action="/rollup" className="flex flex-wrap items-end gap-3 text-sm" aria-label="选择汇总的机关和年度">
      <label className="flex flex-col gap-1">
        <span className="text-slate-600">人民政府</span>
        <select name="organ" defaultValue={organId ?? ""} className={`${selectClass} w-64`}>
          {organs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.fullName}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-slate-600">年度</span>
        <input name="year" defaultValue={yearRaw ?? year} inputMode="numeric" className={`${selectClass} w-24`} />
      </label>
      <button type="submit" className="h-9 rounded-md bg-blue-700 px-4 font-medium text-white hover:bg-blue-800">
        查看汇总
      </button>
    </form>
  );

  if (!organId)
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">汇总</h1>
        <p className="text-sm text-slate-600">您的账号没有可汇总的人民政府。</p>
      </div>
    );
  const result = await getRollup(user, { organId, year });
  if (!result.ok)
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">汇总</h1>
        {form}
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="rollup-error">
          {result.message}
        </p>
      </div>
    );
  const view = result.view;
  const missing = view.members.filter((m) => m.state !== "included");
  const clerkOfOrgan = can(user, "report:create") && user.organId === view.organ.id;
  const q = new URLSearchParams({ organ: view.organ.id, year: String(view.year) }).toString();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">
            {view.organ.fullName} · {view.year}年度汇总
          </h1>
          <p className="mt-1 text-sm text-slate-600" data-testid="rollup-summary">
            下级机关 {view.members.length} 个，已计入 {view.included} 个
            {missing.length ? `，未计入 ${missing.length} 个（见下表）` : "，全部计入"}。 汇总只计已审核通过或已发布的报告；下级人民政府计其汇总报告。
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a href={`/rollup/xlsx?${q}`} download className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50" data-testid="rollup-xlsx">
            下载 Excel（XLSX）
          </a>
          <a href={`/rollup/csv?${q}`} download className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50" data-testid="rollup-csv">
            下载 CSV
          </a>
          {view.report ? (
            <Link href={`/reports/${view.report.id}`} className="inline-flex h-9 items-center rounded-md bg-blue-700 px-3 text-sm font-medium text-white hover:bg-blue-800" data-testid="open-rollup-report">
              打开{view.year}年度汇总报告
            </Link>
          ) : clerkOfOrgan ? (
            <CreateRollupReportButton year={view.year} />
          ) : null}
        </div>
      </div>
      {form}

      <section aria-labelledby="members-title" className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <h2 id="members-title" className="border-b border-slate-100 px-4 py-2 text-sm font-semibold">
          下级机关
        </h2>
        <table className="w-full text-sm" data-testid="rollup-members">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2 font-medium">机关</th>
              <th className="px-3 py-2 font-medium">类型</th>
              <th className="px-3 py-2 font-medium">应报送</th>
              <th className="px-3 py-2 font-medium">状态</th>
              <th className="px-3 py-2 font-medium">公开期限</th>
              <th className="px-3 py-2 font-medium">是否计入汇总</th>
            </tr>
          </thead>
          <tbody>
            {view.members.map((m) => (
              <tr key={m.organId} className={cn("border-t border-slate-100", m.state !== "included" && "bg-amber-50/40")} data-member={m.organName} data-state={m.state}>
                <td className="px-3 py-2">
                  {m.reportId && m.state === "included" ? (
                    <Link href={`/reports/${m.reportId}`} className="text-blue-700 hover:underline">
                      {m.organName}
                    </Link>
                  ) : (
                    m.organName
                  )}
                  {!m.active ? <span className="ml-2 text-xs text-slate-500">（已停用）</span> : null}
                  {m.reportKind === "ROLLUP" ? (
                    <Link href={`/rollup?organ=${m.organId}&year=${view.year}`} className="ml-2 text-xs text-blue-700 hover:underline">
                      查看其汇总
                    </Link>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-slate-600">{organKindLabel(m.organKind)}</td>
                <td className="px-3 py-2 text-slate-600">{m.reportKindLabel}</td>
                <td className="px-3 py-2">
                  <StatusBadge status={m.status} />
                  {m.errorCount > 0 ? <span className="ml-2 text-xs text-red-700">{m.errorCount} 项错误</span> : null}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {dayLabel(m.deadline)}
                  {m.late ? <span className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-xs text-white">已逾期</span> : null}
                </td>
                <td className="px-3 py-2">{m.state === "included" ? <span className="text-emerald-700">已计入</span> : <span className="text-amber-800">{m.reason}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {cell ? <DrillDown view={view} cellId={cell} /> : null}

      {TABLES.map((def) => (
        <section key={def.id} aria-labelledby={`rollup-${def.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id={`rollup-${def.id}`} className="mb-3 font-serif text-[17px] font-semibold">
            {sectionHeading(sectionByKey(def.section))}
          </h2>
          <RollupTable def={def} view={view} selected={cell} />
        </section>
      ))}
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="mb-2 font-semibold">信息处理费</h2>
        <p data-testid="rollup-fee">{feeStatement(view.fee) || "部分下级机关未说明信息处理费收取情况。"}</p>
      </section>
    </div>
  );
}
