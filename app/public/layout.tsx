import Link from "next/link";

export const metadata = { title: "政府信息公开工作年度报告 · 公开" };

/** The public portal: no login (outside the (app) group, so requireUser never runs here). */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-full bg-slate-50">
      <header className="border-b-4 border-red-700 bg-white">
        {/* on a phone the three wrap as whole items (not each onto two lines) */}
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3 sm:px-6 sm:py-4">
          <Link href="/public" className="whitespace-nowrap text-xl font-bold tracking-wide text-red-800">
            政府信息公开
          </Link>
          <span className="whitespace-nowrap text-sm text-slate-600">政府信息公开工作年度报告</span>
          <Link href="/login" className="ml-auto whitespace-nowrap text-sm text-slate-500 hover:text-blue-700">
            工作人员登录
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-6 py-8">{children}</main>
    </div>
  );
}
