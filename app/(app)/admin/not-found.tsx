import Link from "next/link";

export default function AdminNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8 text-center">
      <h1 className="text-lg font-semibold">页面不存在</h1>
      <p className="mt-2 text-sm text-slate-500">该页面不存在，或您没有访问它的权限。</p>
      <Link href="/reports" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        返回年度报告列表
      </Link>
    </div>
  );
}
