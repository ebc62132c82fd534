import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/session";
import { landingPath } from "@/lib/server/permissions";

export const dynamic = "force-dynamic";

/** Signed-in users go to their start page (supervisors: the dashboard); visitors see the public reports and the login. */
export default async function Home() {
  const user = await getCurrentUser();
  if (user) redirect(landingPath(user));
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-16">
      <div className="w-full max-w-md space-y-6 text-center">
        <h1 className="text-xl font-semibold text-slate-900">年报通 · 政府信息公开工作年度报告</h1>
        <div className="flex flex-col gap-3">
          <Link href="/public" className="rounded-md bg-red-700 px-4 py-3 font-medium text-white hover:bg-red-800">
            查阅已公开的政府信息公开工作年度报告
          </Link>
          <Link href="/login" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-slate-800 hover:bg-slate-50">
            工作人员登录
          </Link>
        </div>
      </div>
    </main>
  );
}
