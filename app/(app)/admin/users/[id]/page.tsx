import Link from "next/link";
import { notFound } from "next/navigation";
import { getUserForAdmin } from "@/lib/server/services/admin-list-users";
import { countOrgansForAdmin, listOrgansForAdmin } from "@/lib/server/services/admin-list-organs";
import { SELECT_MAX } from "@/components/ui/paging";
import { ROLE_LABELS, formatDateTime } from "@/lib/labels";
import { UserForm } from "@/components/admin/user-form";
import { ResetPasswordForm } from "@/components/admin/reset-password-form";
import { DisableUserForm } from "@/components/admin/disable-user-form";
import { LoginLocks } from "@/components/admin/login-locks";
import { listLoginLocksForAdmin } from "@/lib/server/services/admin-list-login-locks";
import { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_USERNAME, LOGIN_WINDOW_MS } from "@/lib/server/services/login-limits";
import { requireAdmin } from "../../guard";

export const metadata = { title: "管理账号 · 年报通" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requireAdmin();
  // a province has thousands of organs: beyond a select's worth, 所属机关 is a search (OrganPicker)
  const few = (await countOrgansForAdmin(admin)) <= SELECT_MAX;
  const [u, organs] = await Promise.all([getUserForAdmin(admin, id), few ? listOrgansForAdmin(admin) : null]);
  if (!u) notFound();
  const locks = await listLoginLocksForAdmin(admin, { username: u.username });
  // a deactivated organ is offered only as the account's own (kept as it is)
  const organOptions = organs?.filter((o) => o.active || o.id === u.organId).map((o) => ({ id: o.id, name: o.fullName, depth: o.depth })) ?? null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href="/admin/users" className="text-sm text-blue-700 hover:underline">
          ← 账号管理
        </Link>
        <h1 className="text-xl font-semibold">
          账号 <span className="font-mono">{u.username}</span>
        </h1>
        <span className="text-sm text-slate-500">
          {ROLE_LABELS[u.role] ?? u.role} · {u.disabled ? "已停用" : "正常"} · 最近登录{" "}
          {u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "—"} · 当前登录会话 {u.activeSessions} 个
        </span>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-sm font-medium text-slate-700">基本信息</h2>
        <UserForm
          userId={u.id}
          organs={organOptions}
          organName={u.organName}
          initial={{ username: u.username, displayName: u.displayName, role: u.role, organId: u.organId ?? "" }}
        />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label="登录锁定">
        <h2 className="mb-1 text-sm font-medium text-slate-700">登录锁定</h2>
        <p className="mb-3 text-xs text-slate-500">
          {LOGIN_WINDOW_MS / 60_000} 分钟内在同一网络地址登录失败 {LOGIN_MAX_FAILURES} 次，该账号在该地址锁定；在多个陌生地址共失败{" "}
          {LOGIN_MAX_FAILURES_USERNAME} 次，该账号暂停从登录失败过的陌生地址登录（曾成功登录过的地址、未输错过密码的新地址不受影响）。到时自动解除，重置密码也会解除。
        </p>
        <LoginLocks locks={locks} empty="该账号当前未被锁定。" />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-sm font-medium text-slate-700">重置密码</h2>
        <ResetPasswordForm userId={u.id} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-sm font-medium text-slate-700">{u.disabled ? "启用账号" : "停用账号"}</h2>
        <DisableUserForm userId={u.id} disabled={u.disabled} self={u.id === admin.id} username={u.username} />
      </section>
    </div>
  );
}
