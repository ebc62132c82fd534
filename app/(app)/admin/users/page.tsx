import Link from "next/link";
import { countUsersForAdmin, listUsersForAdmin } from "@/lib/server/services/admin-list-users";
import { countOrgansForAdmin, listOrgansForAdmin } from "@/lib/server/services/admin-list-organs";
import { ROLE_LABELS, formatDateTime } from "@/lib/labels";
import { UserForm } from "@/components/admin/user-form";
import { UserImportForm } from "@/components/admin/user-import-form";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { LoginLocks } from "@/components/admin/login-locks";
import { listLoginLocksForAdmin } from "@/lib/server/services/admin-list-login-locks";
import { NameSearch, PAGE_SIZE, Pager, SELECT_MAX, pageHref, pageOf } from "@/components/ui/paging";
import { requireAdmin } from "../guard";

export const metadata = { title: "账号管理 · 年报通" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function UsersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireAdmin();
  const sp = await searchParams;
  const q = one(sp.q).trim().slice(0, 50);
  const total = await countUsersForAdmin(user, { q });
  const { page, pages, skip } = pageOf(one(sp.page), total);
  // a province has thousands of organs: beyond a select's worth, 所属机关 is a search (OrganPicker)
  const few = (await countOrgansForAdmin(user)) <= SELECT_MAX;
  const [users, organs, locks] = await Promise.all([
    listUsersForAdmin(user, undefined, { q, skip, take: PAGE_SIZE }),
    few ? listOrgansForAdmin(user) : null,
    listLoginLocksForAdmin(user),
  ]);
  const locked = new Set(locks.map((l) => l.username).filter((u): u is string => !!u));
  // a deactivated organ gets no new accounts
  const organOptions = organs?.filter((o) => o.active).map((o) => ({ id: o.id, name: o.fullName, depth: o.depth })) ?? null;
  return (
    <div className="space-y-6">
      <AdminTabs current="users" />
      <div>
        <h1 className="text-xl font-semibold">账号管理</h1>
        <p className="mt-1 text-sm text-slate-500">账号只能由管理员创建。停用账号会立即注销其所有登录会话。</p>
      </div>
      {locks.length > 0 ? (
        <section className="rounded-lg border border-amber-200 bg-amber-50/40 p-4" aria-label="登录锁定">
          <h2 className="mb-1 text-sm font-medium text-slate-700">登录锁定</h2>
          <p className="mb-3 text-xs text-slate-500">
            登录失败次数过多时，账号在该网络地址（或陌生地址）、或网络地址本身被临时锁定；到时自动解除，也可在此解除。
          </p>
          <LoginLocks locks={locks} empty="" />
        </section>
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-sm font-medium text-slate-700">新建账号</h2>
        <UserForm organs={organOptions} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="user-import-heading">
        <h2 id="user-import-heading" className="mb-3 text-sm font-medium text-slate-700">
          批量导入账号
        </h2>
        <UserImportForm />
      </section>
      <NameSearch
        action="/admin/users"
        q={q}
        label="查找账号"
        placeholder="用户名、姓名或机关"
        count={`${q ? `含“${q}”的` : ""}账号共 ${total} 个${pages > 1 ? `，第 ${page} / ${pages} 页` : ""}`}
        testId="user-finder"
        countTestId="user-count"
      />
      <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        {/* a minimum width: on a narrow window (200% zoom) the table scrolls in its box */}
        <table className="w-full min-w-[48rem] text-sm" data-testid="users-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">用户名</th>
              <th className="px-4 py-2 font-medium">姓名</th>
              <th className="px-4 py-2 font-medium">角色</th>
              <th className="px-4 py-2 font-medium">所属机关</th>
              <th className="px-4 py-2 font-medium">状态</th>
              <th className="px-4 py-2 font-medium">最近登录</th>
              <th className="px-4 py-2 font-medium">操作</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-100" data-username={u.username}>
                <td className="px-4 py-2 font-mono">{u.username}</td>
                <td className="px-4 py-2">{u.displayName}</td>
                <td className="px-4 py-2">{ROLE_LABELS[u.role] ?? u.role}</td>
                <td className="px-4 py-2 text-slate-600">{u.organName ?? "—"}</td>
                <td className="px-4 py-2">
                  {u.disabled ? (
                    <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-800">已停用</span>
                  ) : (
                    <span className="rounded bg-green-100 px-2 py-0.5 text-xs text-green-800">正常</span>
                  )}
                  {locked.has(u.username) ? (
                    <span className="ml-1 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800" data-testid="locked-badge">
                      登录锁定
                    </span>
                  ) : null}
                </td>
                <td className="px-4 py-2 text-slate-500">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "—"}</td>
                <td className="px-4 py-2">
                  <Link href={`/admin/users/${u.id}`} className="text-blue-700 hover:underline">
                    管理
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Pager page={page} pages={pages} href={(p) => pageHref("/admin/users", q, p)} testId="user-pages" />
    </div>
  );
}
