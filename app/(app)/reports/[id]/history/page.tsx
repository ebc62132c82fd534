import { notFound } from "next/navigation";
import Link from "next/link";
import { requireUser } from "@/lib/server/session";
import { getReport } from "@/lib/server/services/get-report";
import { compareSubmission, listSubmissions, OUTCOME_LABELS, type SubmissionOutcome } from "@/lib/server/services/report-history";
import { STATUS_LABELS } from "@/lib/report";
import { formatDateTime } from "@/lib/labels";
import { cn } from "@/lib/utils";
import { ChangesView } from "@/components/review/changes-view";

export const metadata = { title: "提交记录 · 年报通" };

const OUTCOME_STYLE: Record<SubmissionOutcome, string> = {
  pending: "bg-amber-100 text-amber-800",
  withdrawn: "bg-slate-100 text-slate-700",
  returned: "bg-red-100 text-red-800",
  approved: "bg-green-100 text-green-800",
  published: "bg-blue-100 text-blue-800",
};

export default async function ReportHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ seq?: string | string[] }>;
}) {
  const { id } = await params;
  const { seq: seqParam } = await searchParams;
  const user = await requireUser();
  const report = await getReport(user, id);
  if (!report) notFound();
  const submissions = await listSubmissions(user, report.id);
  const latest = submissions.at(-1)?.seq;
  const wanted = typeof seqParam === "string" && /^\d{1,6}$/.test(seqParam) ? Number(seqParam) : latest;
  const comparison = wanted !== undefined ? await compareSubmission(user, report.id, wanted) : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href={`/reports/${report.id}`} className="text-sm text-blue-700 hover:underline">
          ← 返回报告
        </Link>
        <h1 className="text-xl font-semibold">
          {report.organName} {report.year}年度报告 · 提交记录
        </h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">当前状态：{STATUS_LABELS[report.status]}</span>
      </div>

      <section className="overflow-hidden rounded-lg border border-slate-200 bg-white" aria-label="提交记录">
        <table className="w-full text-sm" data-testid="submissions">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">次序</th>
              <th className="px-4 py-2 font-medium">提交时间</th>
              <th className="px-4 py-2 font-medium">提交人</th>
              <th className="px-4 py-2 font-medium">结果</th>
              <th className="px-4 py-2 font-medium">审核意见 / 处理</th>
              <th className="px-4 py-2 font-medium">对比</th>
            </tr>
          </thead>
          <tbody>
            {submissions.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-8 text-center text-slate-500">
                  该报告尚未提交过审核。
                </td>
              </tr>
            ) : (
              [...submissions].reverse().map((s) => (
                <tr
                  key={s.seq}
                  data-seq={s.seq}
                  className={cn("border-t border-slate-100 align-top", comparison?.seq === s.seq && "bg-blue-50/60")}
                >
                  <td className="px-4 py-2 tabular-nums">第 {s.seq} 次</td>
                  <td className="px-4 py-2 tabular-nums">{formatDateTime(s.submittedAt)}</td>
                  <td className="px-4 py-2">{s.submittedBy ?? "—"}</td>
                  <td className="px-4 py-2">
                    <span className={cn("rounded px-2 py-0.5 text-xs", OUTCOME_STYLE[s.outcome])} data-testid="outcome">
                      {OUTCOME_LABELS[s.outcome]}
                    </span>
                  </td>
                  <td className="max-w-md px-4 py-2 text-slate-700">
                    {s.returnComment ? <p className="whitespace-pre-wrap">{s.returnComment}</p> : null}
                    {s.decidedAt ? (
                      <p className="text-xs text-slate-500">
                        {s.decidedBy ?? ""} {formatDateTime(s.decidedAt)}
                      </p>
                    ) : null}
                  </td>
                  <td className="px-4 py-2">
                    {s.seq > 1 ? (
                      comparison?.seq === s.seq ? (
                        <span className="text-xs text-slate-500">正在查看</span>
                      ) : (
                        <Link href={`/reports/${report.id}/history?seq=${s.seq}`} className="text-xs text-blue-700 hover:underline">
                          与第 {s.seq - 1} 次对比
                        </Link>
                      )
                    ) : (
                      <span className="text-xs text-slate-500">首次提交</span>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </section>

      {comparison && (
        <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="changes-heading">
          <h2 id="changes-heading" className="mb-1 text-base font-semibold text-slate-900">
            {comparison.previous
              ? `第 ${comparison.seq} 次提交相对第 ${comparison.previous.seq} 次提交的修改`
              : `第 ${comparison.seq} 次提交`}
          </h2>
          <p className="mb-4 text-xs text-slate-500">
            {comparison.previous
              ? `${formatDateTime(comparison.previous.submittedAt)} → ${formatDateTime(comparison.submittedAt)}。新增的文字以绿色标出，删除的文字以红色删除线标出；修改的单元格在表格中以黄色标出（原值 → 新值）。`
              : "这是首次提交，没有可比较的上次提交。"}
          </p>
          {comparison.changes ? <ChangesView changes={comparison.changes} content={comparison.content} /> : null}
        </section>
      )}
      {wanted !== undefined && !comparison && (
        <p className="text-sm text-red-700">没有第 {wanted} 次提交。</p>
      )}
    </div>
  );
}
