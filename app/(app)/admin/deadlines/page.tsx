import { listOrgansForAdmin } from "@/lib/server/services/admin-list-organs";
import { getDeadlines } from "@/lib/server/services/admin-deadlines";
import { defaultDashboardYear } from "@/lib/server/services/dashboard";
import { isGovernment } from "@/lib/report";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { DeadlinesForm } from "@/components/admin/deadlines-form";
import { selectClass } from "@/components/admin/field";
import { requireAdmin } from "../guard";

export const metadata = { title: "公开期限 · 年报通" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export default async function DeadlinesPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireAdmin();
  const sp = await searchParams;
  const governments = (await listOrgansForAdmin(user)).filter((o) => isGovernment(o.kind));
  const yearRaw = one(sp.year);
  const yearOk = yearRaw !== undefined && /^\d{4}$/.test(yearRaw.trim());
  const year = yearOk ? Number(yearRaw!.trim()) : defaultDashboardYear();
  const organId = one(sp.organ) ?? governments[0]?.id;
  const rows = organId ? await getDeadlines(user, { organId, year }) : null;
  return (
    <div className="space-y-6">
      <AdminTabs current="deadlines" />
      <div>
        <h1 className="text-xl font-semibold">公开期限</h1>
        <p className="mt-1 text-sm text-slate-500">
          国办公开办函〔2021〕30号规定的期限为默认值。如上级另有通知，可为某一年度、某一人民政府所辖机关设置不同期限（就近的设置优先）。
          审核工作台、汇总和成文日期检查都按此期限。
        </p>
      </div>
      <form method="get" action="/admin/deadlines" className="flex flex-wrap items-end gap-3 text-sm" aria-label="选择人民政府和年度">
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">人民政府</span>
          <select name="organ" defaultValue={organId} className={`${selectClass} w-64`}>
            {governments.map((g) => (
              <option key={g.id} value={g.id}>
                {g.fullName}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">报告年度</span>
          <input name="year" defaultValue={year} inputMode="numeric" className={`${selectClass} w-24`} />
        </label>
        <button type="submit" className="h-9 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50">
          查看
        </button>
      </form>
      {yearRaw !== undefined && !yearOk ? (
        <p role="alert" className="text-sm text-red-700" data-testid="deadlines-year-problem">
          报告年度“{yearRaw.slice(0, 20)}”不是四位数的年份：下面是{year}年度的公开期限。
        </p>
      ) : null}
      {rows && organId ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <DeadlinesForm organId={organId} year={year} rows={rows} />
        </section>
      ) : (
        <p className="text-sm text-slate-600">没有可设置的人民政府。</p>
      )}
    </div>
  );
}
