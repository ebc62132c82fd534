"use client";

import { Loader2Icon, SendIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { unsentDrafts } from "@/components/review/comment-drafts";
import { useComments } from "@/components/review/comments-context";
import { TimingCaveats } from "@/components/review/timing-caveats";
import type { RollupCoverage } from "./toolbar";

/**
 * 提交审核 asks first: to whom the report goes, and that editing stops until it is returned or
 * withdrawn. Cancel (the focused choice) closes it and gives the focus back to the button.
 */
export function SubmitConfirm(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
  busy: boolean;
  /** the report's title as printed */
  title: string;
  /** the organ whose supervisors review it, when known */
  submitTo: string | null;
  /** where the focus goes when the dialog closes (the 提交审核 button) */
  returnFocus: () => HTMLElement | null;
  reportId: string;
  /** the report's year and 成文日期 as typed (a year not over, a date to come: said, not refused) */
  year: number;
  signDate: string;
  /** a 汇总 report: whom its figures leave out */
  rollupCoverage: RollupCoverage | null;
  /** warnings neither fixed nor confirmed with a reason (the reviewer sees them) */
  openWarnings: number;
}) {
  const cover = props.rollupCoverage;
  const to = props.submitTo ? `${props.submitTo}的审核人` : "上级机关的审核人";
  // replies typed in the comments but not sent: the reviewer would not see them
  const unsent = props.open ? unsentDrafts(props.reportId) : 0;
  // the reviewer's comments not marked 已解决 (a returned report's, mostly): said, not refused
  const unresolved = useComments()?.unresolved ?? 0;
  return (
    <Dialog open={props.open} onOpenChange={(o) => !props.busy && props.onOpenChange(o)}>
      <DialogContent
        className="w-[min(96vw,32rem)]"
        data-testid="submit-confirm"
        onOpenAutoFocus={(e) => {
          e.preventDefault();
          (e.currentTarget as HTMLElement).querySelector<HTMLElement>("[data-cancel]")?.focus();
        }}
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          props.returnFocus()?.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle>提交审核？</DialogTitle>
          <DialogDescription>《{props.title}》将提交给{to}审核。</DialogDescription>
        </DialogHeader>
        <ul className="list-disc space-y-1.5 px-5 py-4 pl-10 text-sm leading-6 text-slate-800">
          <li>
            提交后报告<strong>不能再修改</strong>，直到审核人退回修改，或您在审核开始前撤回。
          </li>
          <li>审核人开始审核后不能撤回；如需修改，请联系审核人退回。</li>
          <li>审核通过并发布后，报告将在公开页面向所有人公开。</li>
          {props.open && <TimingCaveats year={props.year} signDate={props.signDate} />}
          {cover && cover.stale > 0 && (
            <li className="font-medium text-red-700" data-testid="rollup-stale-submit">
              汇总数据有 {cover.stale} 处不是最新的（下级机关的报告在汇总后有变化）：请先取消，点击「更新汇总数据」后再提交。
            </li>
          )}
          {cover && cover.stale === 0 && cover.included < cover.members && (
            <li className="font-medium text-amber-800" data-testid="rollup-coverage">
              本汇总只计入了 {cover.included} / {cover.members} 个下级机关的报告，未计入：{cover.excluded.slice(0, 5).join("；")}
              {cover.excluded.length > 5 ? ` 等 ${cover.excluded.length} 个` : ""}。
            </li>
          )}
          {unresolved > 0 && (
            <li className="font-medium text-amber-800" data-testid="unresolved-comments">
              还有 {unresolved} 条批注未标记为已解决：已按意见修改的，可先取消，在「批注」中回复并标记为已解决。
            </li>
          )}
          {props.openWarnings > 0 && (
            <li className="text-amber-800" data-testid="open-warnings">
              检查结果中还有 {props.openWarnings} 项警告未确认，审核人会看到：核实无误的，可先取消，说明理由后确认。
            </li>
          )}
          {unsent > 0 && (
            <li className="font-medium text-amber-800" data-testid="unsent-replies">
              您还有 {unsent} 条批注或回复未发送，审核人看不到它们：可先取消，在「批注」中点“发送回复”后再提交。
            </li>
          )}
        </ul>
        <DialogFooter>
          <Button variant="ghost" onClick={() => props.onOpenChange(false)} disabled={props.busy} data-cancel>
            取消
          </Button>
          <Button onClick={props.onConfirm} disabled={props.busy || (cover?.stale ?? 0) > 0} data-testid="confirm-submit">
            {props.busy ? <Loader2Icon className="animate-spin" /> : <SendIcon />} 确认提交
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
