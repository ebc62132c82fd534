import Link from "next/link";
import { listOrgansForAdmin } from "@/lib/server/services/admin-list-organs";
import { organKindLabel } from "@/lib/report";
import { parentOptions } from "@/components/admin/parent-options";
import { OrganForm } from "@/components/admin/organ-form";
import { OrganImportForm } from "@/components/admin/organ-import-form";
import { deadlineHint } from "@/components/admin/deadline";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { NameSearch, PAGE_SIZE, Pager, pageHref, pageOf } from "@/components/ui/paging";
import { requireAdmin } from "../guard";

export const metadata = { title: "机关管理 · 年报通" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function OrgansPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireAdmin();
  const sp = await searchParams;
  const q = one(sp.q).trim().slice(0, 50);
  const organs = await listOrgansForAdmin(user);
  // a province has thousands of organs: the tree goes by pages of 100 (in tree order), or the organs whose name holds q
  const matching = q ? organs.filter((o) => o.fullName.includes(q) || o.shortName.includes(q)) : organs;
  const { page, pages, skip } = pageOf(one(sp.page), matching.length);
  const shown = matching.slice(skip, skip + PAGE_SIZE);

  return (
    <div className="space-y-6">
      <AdminTabs current="organs" />
      <div>
        <h1 className="text-xl font-semibold">机关管理</h1>
        <p className="mt-1 text-sm text-slate-500">
          省、地市、县级人民政府下设政府部门和下级人民政府，县级人民政府下设乡镇（街道）。审核人属于人民政府（其政务公开主管部门），审核其下各级机关的报告；
          人民政府自身的汇总报告和本级报告由上一级审核。
          <Link href="/admin/deadlines" className="ml-1 text-blue-700 underline">
            设置各年度公开期限
          </Link>
        </p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-sm font-medium text-slate-700">新建机关</h2>
        <OrganForm parents={parentOptions(organs)} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="organ-import-heading">
        <h2 id="organ-import-heading" className="mb-3 text-sm font-medium text-slate-700">
          批量导入机关
        </h2>
        <OrganImportForm />
      </section>
      <NameSearch
        action="/admin/organs"
        q={q}
        label="查找机关"
        placeholder="机关全称或简称"
        count={`${q ? `名称含“${q}”的` : ""}机关共 ${matching.length} 个${pages > 1 ? `，第 ${page} / ${pages} 页` : ""}`}
        testId="organ-finder"
        countTestId="organ-count"
      />
      <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="organs-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">机关全称</th>
              <th className="px-4 py-2 font-medium">简称</th>
              <th className="px-4 py-2 font-medium">类型</th>
              <th className="px-4 py-2 font-medium">上级机关</th>
              <th className="px-4 py-2 font-medium">公开期限</th>
              <th className="px-4 py-2 font-medium">账号数</th>
              <th className="px-4 py-2 font-medium">排序</th>
              <th className="px-4 py-2 font-medium">操作</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-4 py-8 text-center text-slate-500">
                  {q ? `没有名称含“${q}”的机关。` : "还没有机关。"}
                </td>
              </tr>
            ) : null}
            {shown.map((o) => (
              <tr key={o.id} className="border-t border-slate-100" data-organ-id={o.id}>
                <td className={`px-4 py-2 ${o.active ? "" : "text-slate-500"}`} style={{ paddingLeft: `${1 + (q ? 0 : o.depth) * 1.5}rem` }}>
                  {o.fullName}
                  {o.active ? null : <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">已停用</span>}
                </td>
                <td className="px-4 py-2">{o.shortName}</td>
                <td className="px-4 py-2">{organKindLabel(o.kind)}</td>
                <td className="px-4 py-2 text-slate-500">{o.parentName ?? "—"}</td>
                <td className="px-4 py-2 text-xs text-slate-500">{deadlineHint(o.kind)}</td>
                <td className="px-4 py-2">{o.userCount}</td>
                <td className="px-4 py-2 text-slate-500">{o.sortOrder}</td>
                <td className="px-4 py-2">
                  <Link href={`/admin/organs/${o.id}`} className="text-blue-700 hover:underline">
                    编辑
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Pager page={page} pages={pages} href={(p) => pageHref("/admin/organs", q, p)} testId="organ-pager" />
    </div>
  );
}
