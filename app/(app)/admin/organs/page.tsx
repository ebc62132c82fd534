import Link from "next/link";
import { listOrgansForAdmin } from "@/lib/server/services/admin-list-organs";
import { ORGAN_KIND_LABELS } from "@/lib/labels";
import { OrganForm } from "@/components/admin/organ-form";
import { deadlineHint } from "@/components/admin/deadline";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { requireAdmin } from "../guard";

export const metadata = { title: "机关管理 · 年报通" };

export default async function OrgansPage() {
  const user = await requireAdmin();
  const organs = await listOrgansForAdmin(user);
  const counties = organs.filter((o) => o.kind === "COUNTY").map((o) => ({ id: o.id, name: o.fullName }));
  return (
    <div className="space-y-6">
      <AdminTabs current="organs" />
      <div>
        <h1 className="text-xl font-semibold">机关管理</h1>
        <p className="mt-1 text-sm text-slate-500">
          县级政府下设乡镇和部门。审核人审核其所属机关及下级机关的报告；乡镇、部门于次年1月31日前、县级政府于次年2月20日前公开年度报告。
        </p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-sm font-medium text-slate-700">新建机关</h2>
        <OrganForm counties={counties} />
      </section>
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
            {organs.map((o) => (
              <tr key={o.id} className="border-t border-slate-100" data-organ-id={o.id}>
                <td className="px-4 py-2" style={{ paddingLeft: `${1 + o.depth * 1.5}rem` }}>
                  {o.fullName}
                </td>
                <td className="px-4 py-2">{o.shortName}</td>
                <td className="px-4 py-2">{ORGAN_KIND_LABELS[o.kind] ?? o.kind}</td>
                <td className="px-4 py-2 text-slate-500">{o.parentName ?? "—"}</td>
                <td className="px-4 py-2 text-slate-500">{o.kind === "COUNTY" ? "次年2月20日" : "次年1月31日"}</td>
                <td className="px-4 py-2">{o.userCount}</td>
                <td className="px-4 py-2 text-slate-500">{o.sortOrder}</td>
                <td className="px-4 py-2">
                  <Link href={`/admin/organs/${o.id}`} className="text-blue-700 hover:underline" title={deadlineHint(o.kind)}>
                    编辑
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
