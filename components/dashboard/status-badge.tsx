import { statusWord, type ReportStatus } from "@/lib/report/client";
import { cn } from "@/lib/utils";

export const STATUS_STYLE: Record<ReportStatus | "NONE", string> = {
  NONE: "bg-white text-slate-500 ring-1 ring-slate-200",
  DRAFT: "bg-slate-100 text-slate-700",
  SUBMITTED: "bg-amber-100 text-amber-800",
  RETURNED: "bg-red-100 text-red-800",
  APPROVED: "bg-green-100 text-green-800",
  PUBLISHED: "bg-blue-100 text-blue-800",
};

/** The row's word: 未创建, 已导入 for an imported archive, the status label otherwise. */
export function rowStatusWord(status: ReportStatus | "NONE", imported = false): string {
  return status === "NONE" ? "未创建" : statusWord(status, imported);
}

export function StatusBadge({ status, imported = false }: { status: ReportStatus | "NONE"; imported?: boolean }) {
  return (
    <span
      className={cn("inline-block rounded px-2 py-0.5 text-xs whitespace-nowrap", STATUS_STYLE[status])}
      data-status={status}
      data-imported={imported ? "" : undefined}
    >
      {rowStatusWord(status, imported)}
    </span>
  );
}
