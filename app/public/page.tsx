import Link from "next/link";
import { listPublishedReports } from "@/lib/server/services/public-reports";
import { formatDate } from "@/lib/labels";
import { PAGE_SIZE, Pager, SELECT_MAX, pageOf } from "@/components/ui/paging";

export const dynamic = "force-dynamic";
export const metadata = { title: "政府信息公开工作年度报告 · 公开" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;


export default async function PublicReportsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const sp = await searchParams;
  const yearNum = Number(one(sp.year));
  const year = Number.isInteger(yearNum) && yearNum > 0 ? yearNum : undefined;
  const organId = one(sp.organ);
  const q = (one(sp.q) ?? "").slice(0, 50);
  const { reports: found, years, organs } = await listPublishedReports({ year, organId, q });
  // a province publishes thousands a year: by pages, and found by name (the organ list only while it is short)
  const { page, pages, skip } = pageOf(one(sp.page), found.length);
  const reports = found.slice(skip, skip + PAGE_SIZE);
  const byYear = new Map<number, typeof reports>();
  for (const r of reports) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  const href = (p: number) => {
    const u = new URLSearchParams();
    if (year) u.set("year", String(year));
    if (organId) u.set("organ", organId);
    if (q) u.set("q", q);
    if (p > 1) u.set("page", String(p));
    return `/public?${u.toString()}`;
  };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="border-l-4 border-red-700 pl-3 text-lg font-bold">政府信息公开年报</h1>
        <form method="get" action="/public" className="flex flex-wrap items-end gap-2 text-sm" aria-label="筛选年报">
          <select name="year" defaultValue={year ?? ""} aria-label="年度" className="h-9 rounded border border-slate-300 bg-white px-2">
            <option value="">全部年度</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}年度
              </option>
            ))}
          </select>
          {organs.length <= SELECT_MAX ? (
            <select name="organ" defaultValue={organId ?? ""} aria-label="机关" className="h-9 rounded border border-slate-300 bg-white px-2">
              <option value="">全部机关</option>
              {organs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          ) : null}
          <input
            type="search"
            name="q"
            defaultValue={q}
            placeholder="机关名称"
            aria-label="按机关名称查询"
            className="h-9 w-44 rounded border border-slate-300 bg-white px-2"
          />
          <button type="submit" className="h-9 rounded bg-red-700 px-4 text-white hover:bg-red-800">
            查询
          </button>
        </form>
      </div>
      {pages > 1 || q ? (
        <p className="text-sm text-slate-600" data-testid="public-count">
          共 {found.length} 份{pages > 1 ? `，第 ${page} / ${pages} 页` : ""}
        </p>
      ) : null}
      {reports.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white px-4 py-10 text-center text-slate-500" data-testid="public-empty">
          {q
            ? `没有找到机关名称或报告标题含“${q}”的${year ? `${year}年度` : ""}年报，请换个名称再查。`
            : year || organId
              ? "所选年度或机关暂无已公开的年度报告。"
              : "暂无已公开的年度报告。"}
        </p>
      ) : (
        [...byYear.entries()].map(([y, items]) => (
          <section key={y} className="rounded border border-slate-200 bg-white" aria-labelledby={`year-${y}`}>
            <h2 id={`year-${y}`} className="border-b border-slate-200 bg-slate-50 px-4 py-2 font-semibold">
              {y}年度
            </h2>
            <ul className="divide-y divide-dashed divide-slate-200" data-testid="public-list">
              {items.map((r) => (
                <li key={r.id} className="flex items-baseline gap-4 px-4 py-2.5">
                  <Link href={`/public/reports/${r.id}`} className="flex-1 text-slate-800 hover:text-red-700 hover:underline">
                    {r.title}
                    {r.kind === "ROLLUP" ? <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-800">{r.kindLabel}</span> : null}
                  </Link>
                  <span className="shrink-0 text-sm text-slate-500">{r.publishedAt ? formatDate(r.publishedAt) : ""}</span>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <Pager page={page} pages={pages} href={href} testId="public-pages" linkClass="text-red-800 hover:underline" />
    </div>
  );
}
