import Link from "next/link";
import { notFound } from "next/navigation";
import { listOrgansForAdmin } from "@/lib/server/services/admin-list-organs";
import { OrganForm } from "@/components/admin/organ-form";
import { OrganActiveForm } from "@/components/admin/organ-active-form";
import { parentOptions } from "@/components/admin/parent-options";
import { requireAdmin } from "../../guard";

export const metadata = { title: "编辑机关 · 年报通" };

export default async function EditOrganPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireAdmin();
  const organs = await listOrgansForAdmin(user);
  const organ = organs.find((o) => o.id === id);
  if (!organ) notFound();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href="/admin/organs" className="text-sm text-blue-700 hover:underline">
          ← 机关管理
        </Link>
        <h1 className="text-xl font-semibold">编辑机关：{organ.fullName}</h1>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <OrganForm
          organId={organ.id}
          parents={parentOptions(organs, organ.id)}
          initial={{
            fullName: organ.fullName,
            shortName: organ.shortName,
            kind: organ.kind,
            parentId: organ.parentId ?? "",
            sortOrder: String(organ.sortOrder),
          }}
        />
        {organ.childCount > 0 ? (
          <p className="mt-3 text-xs text-slate-500">
            该机关下有 {organ.childCount} 个下级机关；移动该机关时，其下级机关和全部报告随之移动。
          </p>
        ) : null}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-sm font-medium text-slate-700">停用与启用</h2>
        <OrganActiveForm organId={organ.id} active={organ.active} organName={organ.fullName} />
      </section>
    </div>
  );
}
