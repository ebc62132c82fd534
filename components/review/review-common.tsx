"use client";

// What the supervisor's bar (review-bar.tsx, loaded only for supervisors) and the clerk's bar share.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { AlertTriangleIcon, CheckCircle2Icon } from "lucide-react";
import type { ReportStatus } from "@/lib/report/client";
import { formatDateTime } from "@/lib/labels";
import type { ReviewState } from "@/lib/server/services/report-history";
import { cn } from "@/lib/utils";

export type ActionResult = { ok: boolean; message: string; code?: string };

/** The review facts the bars show (dates as ISO strings): the server's ReviewState. */
export type ReviewInfo = ReviewState;

export const STATUS_BADGE: Record<ReportStatus, "secondary" | "warning" | "error" | "success" | "default"> = {
  DRAFT: "secondary",
  SUBMITTED: "warning",
  RETURNED: "error",
  APPROVED: "success",
  PUBLISHED: "default",
};

/** Runs an action, shows its answer and always refreshes from the server afterwards. */
export function useReviewAction() {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [, startTransition] = useTransition();
  const run = async (key: string, fn: () => Promise<ActionResult>): Promise<ActionResult> => {
    if (busy) return { ok: false, message: "正在处理上一个操作，请稍候。" };
    setBusy(key);
    setResult(null);
    let r: ActionResult;
    try {
      r = await fn();
    } catch {
      r = { ok: false, message: "操作失败：网络或服务器错误，请稍后重试。" };
    }
    setResult(r);
    setBusy(null);
    startTransition(() => router.refresh());
    return r;
  };
  return { run, busy, result };
}

export function ActionMessage({ result }: { result: ActionResult | null }) {
  if (!result) return null;
  return (
    <p
      role="status"
      data-testid="review-message"
      data-ok={result.ok || undefined}
      className={cn("flex items-center gap-1 text-sm", result.ok ? "text-emerald-700" : "text-red-700")}
    >
      {result.ok ? <CheckCircle2Icon className="size-4" /> : <AlertTriangleIcon className="size-4" />}
      {result.message}
    </p>
  );
}

export function Facts({ review }: { review: ReviewInfo }) {
  const items: [string, string | null][] = [
    ["提交", review.submittedAt],
    ["开始审核", review.status === "SUBMITTED" ? review.reviewStartedAt : null],
    ["通过", review.approvedAt],
    ["发布", review.publishedAt],
  ];
  const shown = items.filter(([, v]) => v);
  if (shown.length === 0 && review.submissionCount === 0) return null;
  return (
    <span className="flex flex-wrap gap-x-3 text-xs text-slate-500" suppressHydrationWarning>
      {review.submissionCount > 0 && <span>第 {review.submissionCount} 次提交</span>}
      {shown.map(([label, v]) => (
        <span key={label}>
          {label}于 {formatDateTime(v!)}
        </span>
      ))}
    </span>
  );
}
