import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";
import {
  DASHBOARD_STATUSES,
  dashboardQuery,
  getDashboard,
  parseDashboardParams,
  type DashboardFilter,
  type DashboardRow,
  type SortKey,
} from "@/lib/server/services/dashboard";
import { formatDateTime } from "@/lib/labels";
import { ORGAN_KIND_INFO, ORGAN_KINDS, isGovernment, organKindLabel } from "@/lib/report";
import { StatusBadge, rowStatusWord } from "@/components/dashboard/status-badge";
import { selectClass } from "@/components/admin/field";
import { cn } from "@/lib/utils";
import { DueApplications } from "@/components/register/due-applications";

export const metadata = { title: "审核工作台 · 年报通" };

type Params = Record<string, string | string[] | undefined>;

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: "organ", label: "机关" },
  { key: "kind", label: "类型" },
  { key: "status", label: "状态" },
  { key: "updated", label: "最后修改" },
  { key: "errors", label: "错误", numeric: true },
  { key: "warnings", label: "警告", numeric: true },
  { key: "comments", label: "未解决批注", numeric: true },
  { key: "deadline", label: "公开期限" },
];

function sortHref(f: DashboardFilter, key: SortKey): string {
  const current = f.sort ?? "organ";
  const defaultDir = key === "updated" || key === "errors" || key === "warnings" || key === "comments" ? "desc" : "asc";
  const dir = current === key ? ((f.dir ?? (current === "updated" ? "desc" : "asc")) === "asc" ? "desc" : "asc") : defaultDir;
  return `/dashboard?${dashboardQuery(f, { sort: key, dir })}`;
}

function DeadlineCell({ row }: { row: DashboardRow }) {
  return (
    <div className="whitespace-nowrap">
      <span>{row.deadlineLabel}</span>
      {row.overdue ? (
        <span className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-xs text-white" data-testid="overdue">
          {row.status === "PUBLISHED" ? "逾期发布" : "已逾期"}
        </span>
      ) : row.status !== "PUBLISHED" && row.daysLeft !== null && row.daysLeft <= 30 ? (
        <span className="ml-2 text-xs text-amber-700">剩 {row.daysLeft} 天</span>
      ) : null}
    </div>
  );
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireUser();
  if (!can(user, "dashboard:view")) notFound();
  const filter = parseDashboardParams(await searchParams);
  const data = await getDashboard(user, filter);
  if (!data) notFound();
  const statusSet = new Set(filter.statuses ?? []);
  const exportHref = `/dashboard/export?${dashboardQuery(filter)}`;
  const summaryTotal = Object.values(data.summary).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">审核工作台 · {data.year}年度</h1>
          <p className="mt-1 text-sm text-slate-500">
            {user.role === "ADMIN" && !user.organId ? "全部机关" : `${user.organName}及其下级机关`}共 {data.totalOrgans} 个，应报送的报告已逾期 {data.overdueCount} 份。
            {data.deadlineText ? <span data-testid="dashboard-deadlines">公开期限：{data.deadlineText}。</span> : null}
          </p>
        </div>
        <nav className="flex items-center gap-2 text-sm" aria-label="年度">
          <Link href={`/dashboard?${dashboardQuery(filter, { year: data.year - 1 })}`} className="rounded px-2 py-1 text-blue-700 hover:bg-blue-50">
            ← {data.year - 1}年度
          </Link>
          <Link href={`/dashboard?${dashboardQuery(filter, { year: data.year + 1 })}`} className="rounded px-2 py-1 text-blue-700 hover:bg-blue-50">
            {data.year + 1}年度 →
          </Link>
        </nav>
      </div>
      <DueApplications user={user} />

      <section className="flex flex-wrap gap-2" aria-label="各状态数量" data-testid="status-summary">
        <Link
          href={`/dashboard?${dashboardQuery(filter, { statuses: [] })}`}
          className={cn("rounded-md border px-3 py-2 text-sm", statusSet.size === 0 ? "border-blue-600 bg-blue-50" : "border-slate-200 bg-white")}
        >
          全部 <span className="ml-1 font-semibold">{summaryTotal}</span>
        </Link>
        {DASHBOARD_STATUSES.map((s) => (
          <Link
            key={s}
            href={`/dashboard?${dashboardQuery(filter, { statuses: [s] })}`}
            data-summary={s}
            className={cn("rounded-md border px-3 py-2 text-sm", statusSet.has(s) ? "border-blue-600 bg-blue-50" : "border-slate-200 bg-white")}
          >
            {rowStatusWord(s)} <span className="ml-1 font-semibold">{data.summary[s]}</span>
          </Link>
        ))}
      </section>

      <div className="flex flex-wrap items-end justify-between gap-3">
        <form method="get" action="/dashboard" className="flex flex-wrap items-end gap-3 text-sm" aria-label="筛选">
          <input type="hidden" name="year" value={data.year} />
          {filter.sort ? <input type="hidden" name="sort" value={filter.sort} /> : null}
          {filter.dir ? <input type="hidden" name="dir" value={filter.dir} /> : null}
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">状态</span>
            <select name="status" defaultValue={filter.statuses?.length === 1 ? filter.statuses[0] : ""} className={`${selectClass} w-32`}>
              <option value="">全部状态</option>
              {DASHBOARD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {rowStatusWord(s)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">类型</span>
            <select name="kind" defaultValue={filter.kind ?? ""} className={`${selectClass} w-32`}>
              <option value="">全部类型</option>
              {ORGAN_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ORGAN_KIND_INFO[k].label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">机关名称</span>
            <input
              type="search"
              name="q"
              defaultValue={filter.q ?? ""}
              placeholder="机关或上级机关名称"
              className="h-9 w-48 rounded-md border border-slate-300 bg-white px-2"
            />
          </label>
          <label className="flex h-9 items-center gap-2">
            <input type="checkbox" name="overdue" value="1" defaultChecked={!!filter.overdue} />
            <span>只看已逾期</span>
          </label>
          <button type="submit" className="h-9 rounded-md bg-blue-700 px-4 font-medium text-white hover:bg-blue-800">
            筛选
          </button>
          <Link href={`/dashboard?year=${data.year}`} className="h-9 px-1 leading-9 text-blue-700 hover:underline">
            清除
          </Link>
        </form>
        <div className="flex flex-wrap items-center gap-2">
        <a href={`/dashboard/xlsx?${dashboardQuery(filter)}`} download data-testid="dashboard-xlsx" className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50">
          下载 Excel
        </a>
        <a href={`/dashboard/csv?${dashboardQuery(filter)}`} download data-testid="dashboard-csv" className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50">
          下载 CSV
        </a>
        {data.exportable > 0 ? (
          <a
            href={exportHref}
            download
            data-testid="bulk-export"
            className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50"
          >
            批量下载 PDF（{data.exportable} 份已通过/已发布）
          </a>
        ) : (
          <span className="text-sm text-slate-500" data-testid="bulk-export-none">
            筛选结果中没有已通过或已发布的报告可批量下载
          </span>
        )}
        </div>
      </div>

      <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        {/* a minimum width: on a narrow window (200% zoom) the table scrolls in its box, names keep their lines */}
        <table className="w-full min-w-[60rem] text-sm" data-testid="dashboard-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              {COLUMNS.map((c) => {
                const active = (filter.sort ?? "organ") === c.key;
                const dir = filter.dir ?? (c.key === "updated" ? "desc" : "asc");
                return (
                  <th
                    key={c.key}
                    className={cn("px-3 py-2 font-medium whitespace-nowrap", c.numeric && "text-right")}
                    aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                  >
                    <Link href={sortHref(filter, c.key)} className="hover:text-blue-700" data-sort={c.key}>
                      {c.label}
                      {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
                    </Link>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {data.rows.length === 0 ? (
              <tr>
                <td colSpan={COLUMNS.length} className="px-4 py-8 text-center text-slate-500">
                  没有符合条件的机关。
                </td>
              </tr>
            ) : (
              data.rows.map((r) => (
                <tr
                  key={r.key}
                  className={cn("border-t border-slate-100", r.overdue && "bg-red-50/40")}
                  data-organ={r.organName}
                  data-report-kind={r.reportKind}
                  data-status={r.status}
                >
                  <td className="px-3 py-2" style={{ paddingLeft: `${0.75 + Math.min(r.depth, 6) * 1.25}rem` }}>
                    {r.reportId ? (
                      <Link href={`/reports/${r.reportId}`} className="text-blue-700 hover:underline">
                        {r.organName}
                      </Link>
                    ) : (
                      r.organName
                    )}
                    {isGovernment(r.kind) ? (
                      <span className="ml-2 text-xs text-slate-500">
                        {r.reportKindLabel}
                        {r.reportKind === "ROLLUP" ? (
                          <Link href={`/rollup?organ=${r.organId}&year=${data.year}`} className="ml-2 text-blue-700 hover:underline">
                            查看汇总
                          </Link>
                        ) : null}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600">{organKindLabel(r.kind)}</td>
                  <td className="px-3 py-2">
                    <StatusBadge status={r.status} imported={r.imported} />
                    {r.rollupStale ? (
                      <span
                        className="mt-1 block text-xs text-red-700"
                        data-testid="rollup-stale"
                        title={
                          "stale" in r.rollupStale
                            ? `下级机关的报告在汇总后有变化（被退回或重新审核通过），汇总数据有 ${r.rollupStale.stale} 处已不是最新的：请退回，由填报人「更新汇总数据」后重新提交。`
                            : r.rollupStale.message
                        }
                      >
                        {"stale" in r.rollupStale ? `汇总数据已过时（${r.rollupStale.stale} 处）` : "汇总数据需核对"}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-500">{r.updatedAt ? formatDateTime(r.updatedAt) : "—"}</td>
                  <td className={cn("px-3 py-2 text-right tabular-nums", r.errorCount > 0 && "font-medium text-red-700")}>
                    {r.reportId ? r.errorCount : "—"}
                  </td>
                  <td className={cn("px-3 py-2 text-right tabular-nums", r.warningCount > 0 && "text-amber-700")}>
                    {r.reportId ? r.warningCount : "—"}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.reportId ? r.openComments : "—"}</td>
                  <td className="px-3 py-2">
                    <DeadlineCell row={r} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </section>
      {data.pageCount > 1 ? (
        <nav className="flex items-center gap-3 text-sm" aria-label="分页" data-testid="dashboard-pages">
          <span className="text-slate-600">
            共 {data.matching} 项，第 {data.page} / {data.pageCount} 页
          </span>
          {data.page > 1 ? (
            <Link href={`/dashboard?${dashboardQuery(filter, { page: data.page - 1 })}`} className="text-blue-700 hover:underline">
              上一页
            </Link>
          ) : null}
          {data.page < data.pageCount ? (
            <Link href={`/dashboard?${dashboardQuery(filter, { page: data.page + 1 })}`} className="text-blue-700 hover:underline">
              下一页
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
