import { notFound } from "next/navigation";
import Link from "next/link";
import { requireUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";
import { getReport, getPreviousYearReport } from "@/lib/server/services/get-report";
import { isEditable, STATUS_LABELS, type OrganKind } from "@/lib/report";
import { ReportEditor } from "@/components/report-editor/report-editor";
import { saveReportAction } from "../actions";

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const report = await getReport(user, id);
  if (!report) notFound();
  const previous = await getPreviousYearReport(user, report.organId, report.year);
  const editable = can(user, "report:edit") && user.organId === report.organId && isEditable(report.status);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href="/reports" className="text-sm text-blue-700 hover:underline">
          ← 年度报告
        </Link>
        <h1 className="text-xl font-semibold">
          {report.organName} {report.year}年度报告
        </h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700" data-testid="report-status">
          {STATUS_LABELS[report.status]}
        </span>
        {!editable ? <span className="text-sm text-slate-500">只读</span> : null}
      </div>
      <ReportEditor
        reportId={report.id}
        year={report.year}
        organKind={report.organKind as OrganKind}
        status={report.status}
        initialContent={report.content}
        initialVersion={report.version}
        initialSavedAt={report.updatedAt.toISOString()}
        previous={previous ? { year: previous.year, content: previous.content } : null}
        readOnly={!editable}
        saveAction={saveReportAction}
        pdfUrl={`/reports/${report.id}/pdf`}
      />
    </div>
  );
}
