import Link from "next/link";
import type { ReportRegisterState } from "@/lib/server/services/register-report";

/** On a report's page: where tables 三/四 come from, and every cell where the report and the register differ. */
export function RegisterBanner({
  state,
  organName,
  frozenAs = null,
}: {
  state: ReportRegisterState;
  organName: string;
  /** the report's status word when it does not follow the register now (submitted, under review, approved, published) */
  frozenAs?: string | null;
}) {
  const base = `/register?organ=${state.organId}&year=${state.year}`;
  const tables = [state.t3Active ? "表三" : null, state.t4Active ? "表四" : null].filter(Boolean).join("、");
  const typed = (state.t3Active && state.t3Source === "typed") || (state.t4Active && state.t4Source === "typed");
  return (
    <section className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm" data-testid="register-banner">
      <p>
        {/* the organ named: a reviewer reads this too, for whom 本机关 would be the wrong office */}
        {tables}的数据来自{organName}的
        <Link href={`${base}#t3`} className="mx-1 font-medium text-blue-700 hover:underline">
          依申请公开台账
        </Link>
        {frozenAs
          ? `；报告${frozenAs}，不再随台账变动（退回修改或撤回后，填报人打开报告时按台账更新）。`
          : typed
            ? "；已改为手工填写的表格不再自动更新。"
            : "，台账变动时自动更新（点击台账中的数字可查看计入的申请）。"}
      </p>
      {state.t3Active && state.t3Source === "register" ? (
        // marks the cells of table 三 that come from the register (the editor itself stays untouched)
        <style>{`input[data-cell^="t3."]{box-shadow:inset 3px 0 0 #38bdf8}`}</style>
      ) : null}
      {state.counted.length ? (
        <details className="mt-1" data-testid="register-cells">
          <summary className="cursor-pointer text-blue-700">
            按单元格查看计入的申请（表三中左侧有蓝色标记的单元格来自台账）
          </summary>
          <ul className="mt-1 grid gap-x-6 md:grid-cols-2">
            {state.counted.map((c) => (
              <li key={c.cellId}>
                <Link href={`${base}&cell=${encodeURIComponent(c.cellId)}#t3`} className="text-blue-700 hover:underline" data-cell-link={c.cellId}>
                  {c.name}：{c.value} 件
                </Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {state.differences.length ? (
        <div className="mt-2" data-testid="register-differences">
          <p className="font-medium text-amber-900">
            {frozenAs ? `报告${frozenAs}后台账有变动，` : ""}以下 {state.differences.length} 个单元格与台账不一致：
          </p>
          <ul className="mt-1 list-disc pl-5">
            {state.differences.slice(0, 60).map((d) => (
              <li key={d.cellId}>
                {d.name}：报告填写 {d.typed === "" ? "（空）" : d.typed}，台账计算 {d.register}
                <Link href={`${base}&cell=${encodeURIComponent(d.cellId)}#t3`} className="ml-2 text-blue-700 hover:underline">
                  查看申请
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
