import Link from "next/link";
import { requireUser } from "@/lib/server/session";
import { countReports, listReports } from "@/lib/server/services/list-reports";
import { can } from "@/lib/server/permissions";
import { dayLabel, IMPORTED_LABEL, isGovernment, reportName, STATUS_LABELS, suggestReportYear, type ReportStatus } from "@/lib/report";
import { defaultReportYear, formatDateTime } from "@/lib/labels";
import { getDb } from "@/lib/server/db";
import { deadlineResolver } from "@/lib/server/services/deadlines";
import { CreateReportForm } from "@/components/create-report-form";
import { DueApplications } from "@/components/register/due-applications";
import { NameSearch, PAGE_SIZE, Pager, pageHref, pageOf } from "@/components/ui/paging";

export const metadata = { title: "年度报告 · 年报通" };

const STATUS_STYLE: Record<ReportStatus, string> = {
  DRAFT: "bg-slate-100 text-slate-700",
  SUBMITTED: "bg-amber-100 text-amber-800",
  RETURNED: "bg-red-100 text-red-800",
  APPROVED: "bg-green-100 text-green-800",
  PUBLISHED: "bg-blue-100 text-blue-800",
};

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const q = one(sp.q).trim().slice(0, 50);
  const canCreate = can(user, "report:create");
  // a clerk reads their organ's reports and, in a government's office, the approved and published reports of
  // the organs below (the ones its roll-up counts): listed apart. Others' reports go by pages, found by name.
  const ownId = canCreate && user.organId ? user.organId : undefined;
  const others = ownId ? { notOrganId: ownId, q } : { q };
  const [own, total] = await Promise.all([ownId ? listReports(user, { organId: ownId }) : Promise.resolve([]), countReports(user, others)]);
  const { page, pages, skip } = pageOf(one(sp.page), total);
  const below = await listReports(user, { ...others, skip, take: PAGE_SIZE });
  const reports = ownId ? [...own, ...below] : below;
  // the organ's own reports, per report
  const yearsOf = (kind: "ORGAN" | "ROLLUP") => [...new Set(own.filter((r) => r.kind === kind).map((r) => r.year))].sort((a, b) => a - b);
  const existing = { ORGAN: yearsOf("ORGAN"), ROLLUP: yearsOf("ROLLUP") };
  const suggested = { ORGAN: suggestReportYear(existing.ORGAN), ROLLUP: suggestReportYear(existing.ROLLUP) };
  // the organ's own deadlines for the year being written (a government's office writes 汇总 and 本级,
  // each due on its day; an admin may have moved them)
  const dueYear = defaultReportYear();
  const due = await deadlineResolver(getDb(), dueYear);
  const organ = { id: user.organId ?? "", kind: user.organKind };
  const dueText = isGovernment(user.organKind)
    ? `${dueYear}年度汇总报告须于${dayLabel(due(organ, "ROLLUP"))}前、本级报告须于${dayLabel(due(organ, "ORGAN"))}前公开。`
    : `${dueYear}年度报告须于${dayLabel(due(organ, "ORGAN"))}前公开。`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">政府信息公开工作年度报告</h1>
        <p className="mt-1 text-sm text-slate-500">
          {canCreate ? `本机关各年度的报告。${dueText}` : "所辖机关各年度的报告（只读）。"}
        </p>
      </div>
      <p className="text-sm">
        <Link href="/register" className="font-medium text-blue-700 hover:underline" data-testid="register-link">
          政府信息公开申请台账
        </Link>
        <span className="ml-2 text-slate-500">
          {canCreate ? "登记依申请公开的申请，查看答复期限；年度报告的表三、表四由台账计算。" : "所辖机关的依申请公开台账（不含申请人个人信息）。"}
        </span>
      </p>
      <DueApplications user={user} />
      {canCreate ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 text-sm font-medium text-slate-700">新建年度报告</h2>
          <CreateReportForm suggested={suggested} existing={existing} organKind={user.organKind} />
          <p className="mt-3 text-sm text-slate-600">
            或者{" "}
            <Link href="/reports/import" className="font-medium text-blue-700 hover:underline">
              导入上年报告
            </Link>
            （PDF、DOCX 或 TXT），存档为上一年度报告，并以此为底稿新建本年度报告。
          </p>
        </section>
      ) : null}
      {canCreate && (total > 0 || q) ? (
        <>
          <div className="space-y-3">
            <h2 id="own-reports" className="text-base font-semibold">本机关的报告</h2>
            <ReportTable rows={own} labelledBy="own-reports" />
          </div>
          <div className="space-y-3">
            <div>
              <h2 id="below-reports" className="text-base font-semibold">下级机关的报告</h2>
              <p className="mt-1 text-sm text-slate-500">已审核通过或已发布、计入汇总的报告（只读）。</p>
            </div>
            <ReportFinder q={q} total={total} page={page} pages={pages} />
            <ReportTable rows={below} labelledBy="below-reports" />
            <Pager page={page} pages={pages} href={(p) => pageHref("/reports", q, p)} testId="report-pages" />
          </div>
        </>
      ) : (
        <>
          {!canCreate ? <ReportFinder q={q} total={total} page={page} pages={pages} /> : null}
          <ReportTable rows={reports} />
          {!canCreate ? <Pager page={page} pages={pages} href={(p) => pageHref("/reports", q, p)} testId="report-pages" /> : null}
        </>
      )}
    </div>
  );
}

/** Finding an organ's reports by name; how many there are. */
function ReportFinder({ q, total, page, pages }: { q: string; total: number; page: number; pages: number }) {
  return (
    <NameSearch
      action="/reports"
      q={q}
      label="按机关名称查找报告"
      placeholder="输入机关名称"
      count={`${q ? `名称含“${q}”的` : ""}共 ${total} 份${pages > 1 ? `，第 ${page} / ${pages} 页` : ""}`}
      testId="report-finder"
      countTestId="report-count"
    />
  );
}

type ReportRow = Awaited<ReturnType<typeof listReports>>[number];

function ReportTable({ rows, labelledBy }: { rows: readonly ReportRow[]; labelledBy?: string }) {
  return (
    <section className="overflow-hidden rounded-lg border border-slate-200 bg-white" aria-labelledby={labelledBy}>
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-4 py-2 font-medium">机关</th>
            <th className="px-4 py-2 font-medium">年度</th>
            <th className="px-4 py-2 font-medium">状态</th>
            <th className="px-4 py-2 font-medium">最后修改</th>
            <th className="px-4 py-2 font-medium">操作</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="px-4 py-8 text-center text-slate-500">
                还没有年度报告。
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100" data-report-id={r.id}>
                <td className="px-4 py-2">{r.organName}</td>
                <td className="px-4 py-2">
                  <Link href={`/reports/${r.id}`} className="text-blue-700 hover:underline">
                    {reportName(r.year, r.organKind, r.kind)}
                  </Link>
                </td>
                <td className="px-4 py-2">
                  {r.source === "IMPORT" ? (
                    <>
                      <span className="rounded bg-violet-100 px-2 py-0.5 text-xs text-violet-800" data-testid="imported-badge">
                        {IMPORTED_LABEL}
                      </span>
                      <span className="ml-2 text-xs text-slate-500" title="导入的文件">
                        {r.importedFrom}
                      </span>
                    </>
                  ) : (
                    <span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[r.status as ReportStatus] ?? ""}`}>
                      {STATUS_LABELS[r.status as ReportStatus] ?? r.status}
                    </span>
                  )}
                </td>
                <td className="px-4 py-2 text-slate-500">{formatDateTime(r.updatedAt)}</td>
                <td className="px-4 py-2">
                  <a href={`/reports/${r.id}/pdf`} className="text-blue-700 hover:underline">
                    下载 PDF
                  </a>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
