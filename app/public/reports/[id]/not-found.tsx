import Link from "next/link";

export default function PublicReportNotFound() {
  return (
    <div className="rounded border border-slate-200 bg-white p-10 text-center">
      <h1 className="text-lg font-semibold">找不到该报告</h1>
      <p className="mt-2 text-sm text-slate-500">该报告不存在或尚未公开。</p>
      <Link href="/public" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        返回政府信息公开年报
      </Link>
    </div>
  );
}
