import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/server/session";
import { getDb } from "@/lib/server/db";
import { organScope } from "@/lib/server/scope";
import { getRegister } from "@/lib/server/services/register-list";
import { carryOverOnOpen } from "@/lib/server/services/register-carry";
import { chinaYear } from "@/lib/labels";
import { CELLS } from "@/lib/template";
import { RegisterView } from "@/components/register/register-view";
import { DueApplications } from "@/components/register/due-applications";
import {
  addCaseAction,
  carryOverAction,
  checkImportAction,
  confirmImportAction,
  createApplicationAction,
  deleteApplicationAction,
  deleteCaseAction,
  entryHistoryAction,
  setTableSourceAction,
  updateApplicationAction,
} from "./actions";

export const metadata = { title: "依申请公开台账 · 年报通" };

type Params = Record<string, string | string[] | undefined>;
/** The most organs the register's organ list holds (a province has thousands: filtered by name beyond this). */
const ORGAN_LIST = 300;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const thisYear = chinaYear();
  const yearParam = Number(one(sp.year));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= thisYear + 1 ? yearParam : thisYear;
  // A province has thousands of organs: the list holds at most ORGAN_LIST of them, narrowed by a name typed
  // in 机关名称 (q), and always the organ open now; the page says how many there are.
  const inScope = { AND: [organScope(user, "read"), { kind: { in: ["TOWNSHIP", "DEPARTMENT", "COUNTY", "CITY", "PROVINCE"] } }] };
  const q = one(sp.q).trim().slice(0, 50);
  const [organTotal, listed] = await Promise.all([
    getDb().organ.count({ where: inScope }),
    getDb().organ.findMany({
      where: q ? { AND: [inScope, { fullName: { contains: q } }] } : inScope,
      orderBy: [{ sortOrder: "asc" }, { fullName: "asc" }],
      select: { id: true, fullName: true },
      take: ORGAN_LIST,
    }),
  ]);
  const chosen = one(sp.organ);
  const extra =
    chosen && !listed.some((o) => o.id === chosen)
      ? await getDb().organ.findFirst({ where: { AND: [inScope, { id: chosen }] }, select: { id: true, fullName: true } })
      : null;
  const organs = extra ? [extra, ...listed] : listed;
  const organId = chosen || (user.organId && organs.some((o) => o.id === user.organId) ? user.organId : organs[0]?.id ?? "");
  // last year's open applications move here as 上年结转 when the organ's clerk opens this year's register
  if (organId) await carryOverOnOpen(user, organId, year);
  const page = organId ? await getRegister(user, organId, year) : null;
  if (one(sp.organ) && !page) notFound();
  const cell = one(sp.cell);
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3, thisYear - 4].filter((y) => y >= 2019);

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">政府信息公开申请台账</h1>
        <p className="mt-1 text-sm text-slate-500">
          登记每件依申请公开的申请和办理步骤；答复期限按《条例》第三十、三十一、三十三条和国务院节假日安排（含调休）计算，收到申请当日不计入。
          年度报告的表三、表四由台账计算。
        </p>
      </div>
      {organTotal > ORGAN_LIST ? (
        <form className="flex flex-wrap items-center gap-2 text-sm" action="/register" role="search" data-testid="organ-filter">
          <input type="hidden" name="year" value={year} />
          <input
            type="search"
            name="q"
            defaultValue={q}
            placeholder="输入机关名称"
            aria-label="按机关名称查找"
            className="h-8 w-48 rounded border border-slate-300 px-2"
          />
          <button type="submit" className="h-8 rounded border border-slate-300 bg-white px-3 hover:bg-slate-50">
            查找机关
          </button>
          <span className="text-slate-500" data-testid="organ-list-note">
            共 {organTotal} 个机关，下拉列表中为{q ? `名称含“${q}”的` : ""}前 {listed.length} 个{listed.length === ORGAN_LIST ? "（请输入名称缩小范围）" : ""}。
          </span>
        </form>
      ) : null}
      <form className="flex flex-wrap items-center gap-2 text-sm" action="/register">
        {q ? <input type="hidden" name="q" value={q} /> : null}
        {organs.length > 1 ? (
          <select name="organ" defaultValue={organId} className="h-8 rounded border border-slate-300 px-2" aria-label="机关">
            {organs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.fullName}
              </option>
            ))}
          </select>
        ) : (
          <input type="hidden" name="organ" value={organId} />
        )}
        <select name="year" defaultValue={String(year)} className="h-8 rounded border border-slate-300 px-2" aria-label="年度">
          {years.map((y) => (
            <option key={y} value={y}>
              {y} 年度
            </option>
          ))}
        </select>
        <button type="submit" className="h-8 rounded border border-slate-300 bg-white px-3 hover:bg-slate-50">
          打开
        </button>
        {page ? (
          <span className="text-slate-600" data-testid="register-title">
            {page.access.organ.fullName} · {year} 年度 · 今天 {page.today}（北京时间）
          </span>
        ) : null}
      </form>
      <DueApplications user={user} title="即将到期和已逾期的申请" />
      {page && page.unknownHolidayYears.length ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status" data-testid="holiday-years">
          {page.unknownHolidayYears.map((y) => `${y}年`).join("、")}的国务院节假日安排尚未收录：这些年份的答复期限暂按周一至周五计算（未计春节等假期和调休）。
          {user.role === "ADMIN" ? (
            <Link href="/admin/holidays" className="ml-1 text-blue-700 underline">
              录入节假日
            </Link>
          ) : (
            "请联系管理员在「节假日」中录入。"
          )}
        </p>
      ) : null}
      {page ? (
        <RegisterView
          organId={page.access.organ.id}
          organName={page.access.organ.fullName}
          year={year}
          today={page.today}
          edit={page.access.edit}
          personal={page.access.personal}
          entries={page.entries}
          cases={page.cases}
          table3={page.table3}
          table4={page.table4}
          carryable={page.carryable}
          setting={page.setting}
          initialCell={cell && CELLS.has(cell) ? cell : null}
          actions={{
            create: createApplicationAction,
            update: updateApplicationAction,
            remove: deleteApplicationAction,
            carry: carryOverAction,
            addCase: addCaseAction,
            deleteCase: deleteCaseAction,
            setSource: setTableSourceAction,
            checkImport: checkImportAction,
            confirmImport: confirmImportAction,
            history: entryHistoryAction,
          }}
        />
      ) : (
        <p className="text-sm text-slate-500">
          没有可查看的台账。<Link href="/reports">返回</Link>
        </p>
      )}
    </div>
  );
}
