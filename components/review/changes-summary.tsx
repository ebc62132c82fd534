import Link from "next/link";
import { GitCompareIcon } from "lucide-react";
import { diffStats, type ReportChanges } from "@/lib/report/diff";
import { ValueChange } from "./text-diff";

const MAX_ITEMS = 8;

/** The reviewer's "自上次提交以来的修改" on the report page: counts, the first items, a link to the full comparison. */
export function ChangesSummary(props: { seq: number; previousSeq: number | null; changes: ReportChanges | null; historyHref: string }) {
  const { changes } = props;
  return (
    <section className="rounded-lg border border-blue-200 bg-blue-50/60 px-4 py-3 text-sm" data-testid="changes-summary" aria-label="自上次提交以来的修改">
      <div className="flex flex-wrap items-center gap-2">
        <GitCompareIcon className="size-4 text-blue-700" aria-hidden />
        <h2 className="font-semibold text-slate-900">自上次提交以来的修改</h2>
        <span className="text-xs text-slate-600">
          {props.previousSeq === null ? `第 ${props.seq} 次提交（首次提交，无可比较的上次提交）` : `第 ${props.previousSeq} 次 → 第 ${props.seq} 次提交`}
        </span>
        <Link href={props.historyHref} className="ml-auto text-xs text-blue-700 hover:underline" data-testid="history-link">
          查看修改详情与提交记录
        </Link>
      </div>
      {changes && (
        <>
          <p className="mt-1 text-slate-700" data-testid="changes-count">
            {changes.count === 0
              ? "与上次提交相比没有修改。"
              : `共 ${changes.count} 处修改：表格 ${changes.cells.length} 个单元格，文字 ${changes.texts.length} 段，其他 ${changes.fields.length} 项。`}
          </p>
          {changes.count > 0 && (
            <ul className="mt-2 grid gap-x-6 gap-y-1 text-[13px] md:grid-cols-2">
              {changes.cells.slice(0, MAX_ITEMS).map((c) => (
                <li key={c.id} data-change={c.id} className="min-w-0">
                  <span className="mr-1 text-slate-600">{c.name}：</span>
                  <ValueChange before={c.before} after={c.after} />
                </li>
              ))}
              {changes.texts.slice(0, MAX_ITEMS).map((t) => {
                const st = diffStats(t.segments);
                return (
                  <li key={t.ref} data-change={t.ref} className="text-slate-700">
                    {t.label}：新增 {st.inserted} 字，删除 {st.deleted} 字
                  </li>
                );
              })}
              {changes.fields.slice(0, MAX_ITEMS).map((f) => (
                <li key={f.ref} data-change={f.ref}>
                  <span className="mr-1 text-slate-600">{f.label}：</span>
                  <ValueChange before={f.before} after={f.after} />
                </li>
              ))}
              {(changes.cells.length > MAX_ITEMS || changes.texts.length > MAX_ITEMS || changes.fields.length > MAX_ITEMS) && (
                <li className="text-slate-500">…… 更多修改见详情</li>
              )}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
