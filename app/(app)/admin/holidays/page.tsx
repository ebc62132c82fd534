import { redirect } from "next/navigation";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { selectClass } from "@/components/admin/field";
import { deleteHolidayOverride, listHolidayOverrides, setHolidayOverride } from "@/lib/server/services/admin-holidays";
import { requireAdmin } from "../guard";

export const metadata = { title: "节假日安排 · 年报通" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

async function setAction(form: FormData) {
  "use server";
  const user = await requireAdmin();
  const input = { date: String(form.get("date") ?? ""), kind: String(form.get("kind") ?? ""), name: String(form.get("name") ?? "") };
  const r = await setHolidayOverride(user, input);
  const q = new URLSearchParams(r.ok ? { message: r.message } : { error: r.message, ...input });
  redirect(`/admin/holidays?${q}`);
}

async function deleteAction(form: FormData) {
  "use server";
  const user = await requireAdmin();
  const r = await deleteHolidayOverride(user, String(form.get("date") ?? ""));
  redirect(`/admin/holidays?${new URLSearchParams({ message: r.message })}`);
}

export default async function HolidaysPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireAdmin();
  const sp = await searchParams;
  const rows = await listHolidayOverrides();
  return (
    <div className="space-y-6">
      <AdminTabs current="holidays" />
      <div>
        <h1 className="text-xl font-semibold">节假日安排（依申请公开答复期限）</h1>
        <p className="mt-1 text-sm text-slate-500">
          答复期限按国务院办公厅每年公布的节假日安排（含调休上班日）计算，数据来自 chinese-days 节假日数据包。
          新一年的安排公布后、数据包更新前，可在此录入放假日和调休上班日；这里的设置优先于数据包。
        </p>
      </div>
      {one(sp.message) ? <p className="text-sm text-green-800" role="status">{one(sp.message)}</p> : null}
      {one(sp.error) ? <p className="text-sm text-red-700" role="alert">{one(sp.error)}</p> : null}
      <form action={setAction} className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span>日期</span>
          <input name="date" defaultValue={one(sp.date)} placeholder="2027-10-01" className="h-9 rounded-md border border-slate-300 px-2" />
        </label>
        <label className="flex flex-col gap-1">
          <span>类型</span>
          <select name="kind" defaultValue={one(sp.kind) || "holiday"} className={selectClass}>
            <option value="holiday">放假</option>
            <option value="workday">调休上班</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span>名称</span>
          <input name="name" defaultValue={one(sp.name)} placeholder="国庆节" className="h-9 rounded-md border border-slate-300 px-2" />
        </label>
        <button type="submit" className="h-9 rounded-md bg-blue-700 px-4 text-white">保存</button>
      </form>
      <table className="text-sm">
        <thead>
          <tr className="text-left text-slate-600">
            <th className="px-3 py-1">日期</th>
            <th className="px-3 py-1">类型</th>
            <th className="px-3 py-1">名称</th>
            <th className="px-3 py-1" />
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="px-3 py-2 text-slate-500">
                没有录入的日期（全部按数据包计算）。
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.date} className="border-t border-slate-100">
                <td className="px-3 py-1">{r.date}</td>
                <td className="px-3 py-1">{r.kind === "holiday" ? "放假" : "调休上班"}</td>
                <td className="px-3 py-1">{r.name}</td>
                <td className="px-3 py-1">
                  <form action={deleteAction}>
                    <input type="hidden" name="date" value={r.date} />
                    <button type="submit" className="text-blue-700 hover:underline">
                      删除
                    </button>
                  </form>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
