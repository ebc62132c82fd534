"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { HistoryIcon, Loader2Icon, Undo2Icon, UndoDotIcon } from "lucide-react";
import { statusWord } from "@/lib/report/client";
import { formatDateTime } from "@/lib/labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ActionMessage, Facts, STATUS_BADGE, useReviewAction, type ActionResult, type ReviewInfo } from "./review-common";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * The clerk's view of the review: the return comment shown prominently when 已退回, 撤回 while the
 * review has not started, and where the report stands. (提交审核 is in the editor's toolbar.)
 */
export function ClerkBar(props: {
  reportId: string;
  review: ReviewInfo;
  unresolved: number;
  historyHref: string | null;
  withdraw: (input: { reportId: string }) => Promise<ActionResult>;
}) {
  const { review } = props;
  const { run, busy, result } = useReviewAction();
  const hydrated = useHydrated();
  const status = review.status;
  // The editor is drawn anew for a new status (提交审核's button gone with it, or a return arriving): the focus,
  // lost with what held it, comes to this bar, which says what happened — not to the page's start.
  const bar = useRef<HTMLElement>(null);
  const shownStatus = useRef(status);
  useEffect(() => {
    if (shownStatus.current === status) return;
    shownStatus.current = status;
    const active = document.activeElement;
    if (!active || active === document.body) bar.current?.focus();
  }, [status]);

  let text: string;
  switch (status) {
    case "DRAFT":
      text =
        review.submissionCount > 0
          ? "报告已撤回为草稿，修改后可重新提交审核。"
          : "填写完成、检查结果中没有错误后，点击上方的“提交审核”。";
      break;
    case "SUBMITTED":
      text = review.withdrawable
        ? "已提交审核，等待审核人审核。审核开始前可以撤回修改。"
        : "审核人已开始审核，报告暂不可修改；如需修改，请联系审核人退回。";
      break;
    case "RETURNED":
      text = "报告已被退回，请按审核意见修改后重新提交审核。";
      break;
    case "APPROVED":
      text = "报告已审核通过，等待发布。";
      break;
    case "PUBLISHED":
      text =
        review.importedFrom !== null
          ? `导入的存档报告（文件「${review.importedFrom || "未知"}」），只读；下一年度报告的上年结转和对比检查以它为准。`
          : "报告已发布。";
      break;
  }

  return (
    <section
      ref={bar}
      tabIndex={-1}
      className="space-y-3 rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2"
      data-testid="clerk-bar"
      aria-label="审核状态"
    >
      {status === "RETURNED" && review.lastReturn && (
        <div className="rounded-lg border-2 border-red-300 bg-red-50 px-4 py-3" role="alert" data-testid="return-banner">
          <div className="flex flex-wrap items-center gap-2 text-sm font-semibold text-red-900">
            <UndoDotIcon className="size-4" aria-hidden /> 审核人退回了报告，请按意见修改后重新提交
          </div>
          <p className="mt-2 whitespace-pre-wrap text-[15px] leading-7 text-slate-900" data-testid="return-comment">
            {review.lastReturn.body}
          </p>
          <p className="mt-1 text-xs text-slate-600" suppressHydrationWarning>
            {review.lastReturn.by ?? "审核人"} · {formatDateTime(review.lastReturn.at)}
            {props.unresolved > 0 && (
              <span className="ml-2 font-medium text-orange-800">
                还有 {props.unresolved} 条批注未解决：见右侧“批注”，可回复并标记为已解决。
              </span>
            )}
          </p>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-2.5 shadow-sm">
        <Badge variant={STATUS_BADGE[status]} data-testid="clerk-status">
          {statusWord(status, review.importedFrom !== null)}
        </Badge>
        <span className="text-sm text-slate-700" data-testid="clerk-hint">
          {text}
        </span>
        <Facts review={review} />
        {props.unresolved > 0 && status !== "RETURNED" && (
          <span className="text-xs text-orange-700">未解决批注 {props.unresolved} 条</span>
        )}
        {props.historyHref && (
          <Link href={props.historyHref} className="inline-flex items-center gap-1 text-xs text-blue-700 hover:underline">
            <HistoryIcon className="size-3.5" /> 提交记录
          </Link>
        )}
        {status === "SUBMITTED" && review.withdrawable && (
          <Button
            size="sm"
            variant="outline"
            className="ml-auto"
            disabled={busy !== null || !hydrated}
            onClick={() => void run("withdraw", () => props.withdraw({ reportId: props.reportId }))}
            data-testid="withdraw-button"
          >
            {busy ? <Loader2Icon className="animate-spin" /> : <Undo2Icon />} 撤回
          </Button>
        )}
      </div>
      <ActionMessage result={result} />
    </section>
  );
}
