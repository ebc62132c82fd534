import Link from "next/link";
import { MAX_IMPORT_BYTES } from "@/lib/import";
import { requireUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";
import { ImportWizard } from "@/components/import/import-wizard";

export const metadata = { title: "导入上年报告 · 年报通" };

export default async function ImportReportPage() {
  const user = await requireUser();
  const allowed = can(user, "report:create") && !!user.organId;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href="/reports" className="text-sm text-blue-700 hover:underline">
          ← 年度报告
        </Link>
        <h1 className="text-xl font-semibold">导入上年报告</h1>
      </div>
      {allowed ? (
        <>
          <p className="max-w-3xl text-sm text-slate-600">
            从已发布的年度报告文件开始：识别其中的各部分文字和表格，存档为{user.organName || "本机关"}该年度的报告（只读，用于下一年的核对），
            并可以此为底稿新建下一年度报告。
          </p>
          <ImportWizard maxBytes={MAX_IMPORT_BYTES} />
        </>
      ) : (
        <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">只有关联了机关的填报人可以导入年度报告。</p>
      )}
    </div>
  );
}
