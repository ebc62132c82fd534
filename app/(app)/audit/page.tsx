import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";
import { listAuditActions, listAuditEvents, type AuditFilter } from "@/lib/server/services/audit";
import { countUsersForAdmin, listUsersForAdmin } from "@/lib/server/services/admin-list-users";
import { countOrgansForAdmin, listOrgansForAdmin } from "@/lib/server/services/admin-list-organs";
import { formatDateTime } from "@/lib/labels";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { AuditDetail } from "@/components/admin/audit-detail";
import { selectClass } from "@/components/admin/field";
import { SELECT_MAX } from "@/components/ui/paging";

export const metadata = { title: "审计日志 · 年报通" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireUser();
  if (!can(user, "audit:read")) notFound();
  const sp = await searchParams;
  const filter: AuditFilter = {
    action: one(sp.action),
    actorId: one(sp.user),
    organId: one(sp.organ),
    actorName: one(sp.userq)?.slice(0, 50),
    organName: one(sp.organq)?.slice(0, 50),
    from: one(sp.from),
    to: one(sp.to),
    page: Number(one(sp.page) ?? 1) || 1,
  };
  const [result, actions, userCount, organCount] = await Promise.all([
    listAuditEvents(user, filter),
    listAuditActions(user),
    countUsersForAdmin(user),
    countOrgansForAdmin(user),
  ]);
  // a province's thousands of accounts and organs are found by a name box; a county's are listed
  const [users, organs] = await Promise.all([
    userCount > SELECT_MAX ? [] : listUsersForAdmin(user),
    organCount > SELECT_MAX ? [] : listOrgansForAdmin(user),
  ]);
  const pageHref = (page: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({
      action: filter.action,
      user: filter.actorId,
      userq: filter.actorName,
      organ: filter.organId,
      organq: filter.organName,
      from: filter.from,
      to: filter.to,
    })) {
      if (v) q.set(k, v);
    }
    if (page > 1) q.set("page", String(page));
    const s = q.toString();
    return s ? `/audit?${s}` : "/audit";
  };
  return (
    <div className="space-y-6">
      {can(user, "admin:manage") ? <AdminTabs current="audit" /> : null}
      <div>
        <h1 className="text-xl font-semibold">审计日志</h1>
        <p className="mt-1 text-sm text-slate-500">登录、退出、账号和机关变更，以及报告的新建、保存、提交、审核、发布和导出记录，按时间倒序。</p>
      </div>
      <form method="get" action="/audit" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-label="筛选审计日志">
        <FilterField label="操作" name="action" value={filter.action} all="全部操作" width="w-40" options={actions.map((a) => ({ value: a.action, text: a.label }))} />
        <FilterField
          label="用户"
          name="user"
          value={filter.actorId}
          all="全部用户"
          width="w-48"
          options={users.map((u) => ({ value: u.id, text: `${u.displayName}（${u.username}）` }))}
          search={userCount > SELECT_MAX || filter.actorName ? { name: "userq", value: filter.actorName, placeholder: "用户名或姓名" } : undefined}
        />
        <FilterField
          label="机关"
          name="organ"
          value={filter.organId}
          all="全部机关"
          width="w-56"
          options={organs.map((o) => ({ value: o.id, text: `${"\u3000".repeat(o.depth)}${o.fullName}` }))}
          search={organCount > SELECT_MAX || filter.organName ? { name: "organq", value: filter.organName, placeholder: "机关名称" } : undefined}
        />
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">开始日期</span>
          <input type="date" name="from" defaultValue={filter.from ?? ""} className={`${selectClass} w-40`} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">结束日期</span>
          <input type="date" name="to" defaultValue={filter.to ?? ""} className={`${selectClass} w-40`} />
        </label>
        <button type="submit" className="h-9 rounded-md bg-blue-700 px-4 font-medium text-white hover:bg-blue-800">
          筛选
        </button>
        <Link href="/audit" className="h-9 px-2 leading-9 text-blue-700 hover:underline">
          清除
        </Link>
      </form>
      {filter.from && filter.to && filter.from > filter.to ? (
        <p className="text-sm text-amber-800" role="status" data-testid="audit-range">
          「开始日期」{filter.from} 晚于「结束日期」{filter.to}，没有记录落在其间：请检查日期。
        </p>
      ) : null}
      <p className="text-sm text-slate-500" data-testid="audit-total">
        共 {result.total} 条记录{result.pageCount > 1 ? `，第 ${result.page} / ${result.pageCount} 页` : ""}
      </p>
      <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="audit-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium whitespace-nowrap">时间</th>
              <th className="px-4 py-2 font-medium">用户</th>
              <th className="px-4 py-2 font-medium">操作</th>
              <th className="px-4 py-2 font-medium">报告 / 机关</th>
              <th className="px-4 py-2 font-medium">详情</th>
            </tr>
          </thead>
          <tbody>
            {result.events.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-4 py-8 text-center text-slate-500">
                  没有符合条件的记录。
                </td>
              </tr>
            ) : (
              result.events.map((e) => (
                <tr key={e.id} className="border-t border-slate-100 align-top" data-action={e.action}>
                  <td className="px-4 py-2 whitespace-nowrap text-slate-500">{formatDateTime(e.createdAt)}</td>
                  <td className="px-4 py-2">
                    {e.actor ? (
                      <>
                        {e.actor.name}
                        <span className="ml-1 font-mono text-xs text-slate-500">{e.actor.username}</span>
                      </>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">{e.actionLabel}</td>
                  <td className="px-4 py-2">
                    {e.report ? (
                      <Link href={`/reports/${e.report.id}`} className="text-blue-700 hover:underline">
                        {e.report.organName} {e.report.year}年度
                      </Link>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                  <td className="px-4 py-2">
                    <AuditDetail details={e.details} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </section>
      {result.pageCount > 1 ? (
        <nav className="flex items-center gap-3 text-sm" aria-label="分页">
          {result.page > 1 ? (
            <Link href={pageHref(result.page - 1)} className="text-blue-700 hover:underline">
              上一页
            </Link>
          ) : (
            <span className="text-slate-500">上一页</span>
          )}
          <span className="text-slate-500">
            第 {result.page} / {result.pageCount} 页
          </span>
          {result.page < result.pageCount ? (
            <Link href={pageHref(result.page + 1)} className="text-blue-700 hover:underline">
              下一页
            </Link>
          ) : (
            <span className="text-slate-500">下一页</span>
          )}
        </nav>
      ) : null}
    </div>
  );
}

/** One filter of the form: a select of `options`, or (`search`: a province's thousands) a box for part of a name. */
function FilterField(props: {
  label: string;
  name: string;
  value: string | undefined;
  all: string;
  width: string;
  options: { value: string; text: string }[];
  search?: { name: string; value: string | undefined; placeholder: string };
}) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-slate-600">{props.label}</span>
      {props.search ? (
        <input type="search" name={props.search.name} defaultValue={props.search.value ?? ""} placeholder={props.search.placeholder} className={`${selectClass} ${props.width}`} />
      ) : (
        <select name={props.name} defaultValue={props.value ?? ""} className={`${selectClass} ${props.width}`}>
          <option value="">{props.all}</option>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      )}
    </label>
  );
}
