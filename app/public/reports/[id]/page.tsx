import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getPublishedReport } from "@/lib/server/services/public-reports";
import { buildViewModel } from "@/lib/export/build-view-model";
import { ReportHtml } from "@/components/public/report-html";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const report = await getPublishedReport((await params).id);
  return { title: report ? report.title : "找不到该报告" };
}

export default async function PublicReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const report = await getPublishedReport(id);
  if (!report) notFound();
  const vm = buildViewModel({ year: report.year, status: "PUBLISHED", content: report.content });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <Link href="/public" className="text-blue-700 hover:underline">
          ← 政府信息公开年报
        </Link>
        <a href={`/public/reports/${report.id}/pdf`} className="ml-auto rounded border border-slate-300 bg-white px-3 py-1.5 text-slate-800 hover:bg-slate-50">
          下载 PDF
        </a>
      </div>
      <ReportHtml vm={vm} />
    </div>
  );
}
