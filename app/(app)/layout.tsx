import Link from "next/link";
import { requireUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";
import { isGovernment } from "@/lib/report";
import { ROLE_LABELS } from "@/lib/labels";
import { signOutAction } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-full">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-[1400px] items-center gap-6 px-6 py-3">
          <Link href="/" className="text-lg font-semibold text-blue-800">
            年报通
          </Link>
          <nav className="flex gap-4 text-sm text-slate-600">
            <Link href="/reports" className="hover:text-blue-700">
              年度报告
            </Link>
            {can(user, "dashboard:view") ? (
              <Link href="/dashboard" className="hover:text-blue-700">
                审核工作台
              </Link>
            ) : null}
            {can(user, "dashboard:view") || isGovernment(user.organKind) ? (
              <Link href="/rollup" className="hover:text-blue-700">
                汇总
              </Link>
            ) : null}
            {can(user, "admin:manage") ? (
              <>
                <Link href="/admin/organs" className="hover:text-blue-700">
                  机关管理
                </Link>
                <Link href="/admin/users" className="hover:text-blue-700">
                  账号管理
                </Link>
              </>
            ) : null}
            {can(user, "audit:read") ? (
              <Link href="/audit" className="hover:text-blue-700">
                审计日志
              </Link>
            ) : null}
            <Link href="/public" className="hover:text-blue-700">
              公开年报
            </Link>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm text-slate-600">
            <span data-testid="current-user">
              {user.displayName || user.username}
              <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs">{ROLE_LABELS[user.role] ?? user.role}</span>
            </span>
            {user.organName ? <span className="hidden text-slate-500 md:inline">{user.organName}</span> : null}
            <form action={signOutAction}>
              <button type="submit" className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
                退出登录
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-[1400px] px-6 py-6">{children}</main>
    </div>
  );
}
