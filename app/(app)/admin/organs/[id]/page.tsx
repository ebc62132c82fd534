import Link from "next/link";
import { notFound } from "next/navigation";
import { listOrgansForAdmin } from "@/lib/server/services/admin-list-organs";
import { OrganForm } from "@/components/admin/organ-form";
import { requireAdmin } from "../../guard";

export const metadata = { title: "编辑机关 · 年报通" };

export default async function EditOrganPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireAdmin();
  const organs = await listOrgansForAdmin(user);
  const organ = organs.find((o) => o.id === id);
  if (!organ) notFound();
  const counties = organs.filter((o) => o.kind === "COUNTY").map((o) => ({ id: o.id, name: o.fullName }));
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
          counties={counties}
          initial={{
            fullName: organ.fullName,
            shortName: organ.shortName,
            kind: organ.kind,
            parentId: organ.parentId ?? "",
            sortOrder: String(organ.sortOrder),
          }}
        />
        {organ.childCount > 0 ? (
          <p className="mt-3 text-xs text-slate-500">该机关下有 {organ.childCount} 个下级机关，类型只能是县级政府。</p>
        ) : null}
      </section>
    </div>
  );
}
