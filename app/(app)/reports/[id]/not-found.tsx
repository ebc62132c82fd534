import Link from "next/link";

export default function ReportNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8 text-center">
      <h1 className="text-lg font-semibold">找不到该报告</h1>
      <p className="mt-2 text-sm text-slate-500">报告不存在，或您没有查看它的权限。</p>
      <Link href="/reports" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        返回年度报告列表
      </Link>
    </div>
  );
}
