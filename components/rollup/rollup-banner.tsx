"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { RefreshCwIcon } from "lucide-react";
import { fieldDisplay, fieldLabel } from "@/lib/report/client";
import { Button } from "@/components/ui/button";
import type { RollupDrift } from "@/lib/server/services/refresh-rollup-report";
import { refreshRollupAction } from "@/app/(app)/reports/[id]/rollup-actions";
import { useHydrated } from "@/components/ui/use-hydrated";

const SHOWN = 12;

/**
 * On a 汇总 report: where its tables come from (how many subordinates are in, who is not), and — when a
 * subordinate's report changed since — exactly which figures differ, with 更新汇总数据.
 */
export function RollupBanner(props: {
  reportId: string;
  organId: string;
  year: number;
  editable: boolean;
  included: number;
  members: number;
  /** how many subordinate reports the stored tables were filled from (its rollupBasis), when known */
  counted: number | null;
  excluded: string[];
  error: string | null;
  drift: RollupDrift | null;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const drift = props.drift;
  const stale = !!drift && (drift.fields.length > 0 || drift.added.length + drift.removed.length + drift.changed.length > 0);
  const refresh = () =>
    start(async () => {
      const r = await refreshRollupAction({ reportId: props.reportId });
      setMessage({ ok: r.ok, text: r.message });
      if (r.ok) router.refresh();
    });
  return (
    <section
      className={`rounded-lg border px-4 py-3 text-sm ${stale ? "border-amber-300 bg-amber-50" : "border-sky-200 bg-sky-50"}`}
      aria-label="汇总数据来源"
      data-testid="rollup-banner"
      data-stale={stale || undefined}
    >
      <p>
        本汇总报告的表格数据和信息处理费由下级机关已审核通过的报告汇总而成
        {stale && props.counted !== null && props.counted !== props.included ? (
          <span data-testid="rollup-counts">
            （表格中是 {props.counted} 个机关的数字；按下级报告现状可计入 {props.included} / {props.members} 个）
          </span>
        ) : (
          <span data-testid="rollup-counts">（已计入 {props.included} / {props.members} 个）</span>
        )}
        ，不能直接修改；文字部分由本机关填写。
        <Link href={`/rollup?organ=${props.organId}&year=${props.year}`} className="ml-2 text-blue-700 hover:underline">
          查看汇总明细
        </Link>
      </p>
      {props.error ? <p className="mt-1 text-red-700">{props.error}</p> : null}
      {props.excluded.length ? (
        <p className="mt-1 text-amber-900">未计入：{props.excluded.join("；")}</p>
      ) : null}
      {stale && drift ? (
        <div className="mt-2" data-testid="rollup-drift">
          <p className="font-medium text-amber-900">
            下级报告有变化
            {drift.added.length ? `（新计入 ${drift.added.length} 份` : "（"}
            {drift.changed.length ? `${drift.added.length ? "，" : ""}修改 ${drift.changed.length} 份` : ""}
            {drift.removed.length ? `${drift.added.length + drift.changed.length ? "，" : ""}移出 ${drift.removed.length} 份` : ""}
            ）：{drift.fields.length} 处数据与当前汇总不同。
          </p>
          {drift.fields.length ? (
            <ul className="mt-1 grid gap-x-6 gap-y-0.5 text-xs text-slate-700 md:grid-cols-2">
              {drift.fields.slice(0, SHOWN).map((f) => (
                <li key={f.ref} data-drift={f.ref}>
                  {fieldLabel(f.ref)}：{fieldDisplay(f.ref, f.stored) || "（空）"} → <b>{fieldDisplay(f.ref, f.now) || "（空）"}</b>
                </li>
              ))}
              {drift.fields.length > SHOWN ? <li>等 {drift.fields.length} 处</li> : null}
            </ul>
          ) : null}
          {props.editable ? (
            <Button size="sm" className="mt-2" onClick={refresh} disabled={pending || !hydrated} data-testid="refresh-rollup">
              <RefreshCwIcon className={pending ? "animate-spin" : ""} /> 更新汇总数据
            </Button>
          ) : (
            <p className="mt-1 text-xs text-slate-600">报告退回或为草稿时，填报人可以更新汇总数据。</p>
          )}
        </div>
      ) : null}
      {message ? (
        <p role="status" className={`mt-1 ${message.ok ? "text-emerald-700" : "text-red-700"}`}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
