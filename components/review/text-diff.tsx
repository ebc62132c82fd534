import type { DiffSegment } from "@/lib/report/diff";
import { cn } from "@/lib/utils";

/** A text diff: insertions highlighted green, deletions struck through in red, unchanged text plain. */
export function TextDiff({ segments, className }: { segments: readonly DiffSegment[]; className?: string }) {
  if (segments.length === 0) return <p className={cn("text-sm text-slate-500", className)}>（空）</p>;
  return (
    <p className={cn("whitespace-pre-wrap break-words text-[15px] leading-7 text-slate-800", className)} data-testid="text-diff">
      {segments.map((s, i) =>
        s.op === "equal" ? (
          <span key={i}>{s.text}</span>
        ) : s.op === "insert" ? (
          <ins key={i} className="rounded-sm bg-emerald-100 text-emerald-900 no-underline decoration-emerald-500" title="新增">
            {s.text}
          </ins>
        ) : (
          <del key={i} className="rounded-sm bg-red-100 text-red-800 line-through decoration-red-500" title="删除">
            {s.text}
          </del>
        ),
      )}
    </p>
  );
}

/** Old → new for a short value. */
export function ValueChange({ before, after }: { before: string; after: string }) {
  return (
    <span className="inline-flex flex-wrap items-baseline gap-1 tabular-nums">
      <del className="rounded-sm bg-red-100 px-0.5 text-red-800 line-through">{before === "" ? "（空）" : before}</del>
      <span className="text-slate-500">→</span>
      <ins className="rounded-sm bg-emerald-100 px-0.5 text-emerald-900 no-underline">{after === "" ? "（空）" : after}</ins>
    </span>
  );
}
