"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { fieldDisplay, fieldLabel, fieldValue, isLongField } from "@/lib/report/client";
import { useContent, useEditor, useSaveIssues } from "./context";
import type { ContentDiff } from "./diff";

function Value({ text, mine }: { text: string; mine: boolean }) {
  return (
    <div
      className={
        "max-h-40 overflow-y-auto whitespace-pre-wrap break-words rounded px-2 py-1 " +
        (mine ? "bg-blue-50 text-slate-900" : "bg-slate-50 text-slate-700")
      }
    >
      {text === "" ? <span className="italic text-slate-500">（空）</span> : text}
    </div>
  );
}

/** Both versions of every differing field, side by side (with per-row actions when given). */
export function DiffTable({
  diffs,
  mineLabel,
  theirsLabel,
  actions,
}: {
  diffs: readonly ContentDiff[];
  mineLabel: string;
  theirsLabel: string;
  actions?: (d: ContentDiff) => ReactNode;
}) {
  if (diffs.length === 0) return <p className="text-sm text-slate-600">两个版本内容相同。</p>;
  return (
    <table className="w-full table-fixed border-collapse text-[13px]" data-testid="diff-table">
      <colgroup>
        <col className={actions ? "w-[20%]" : "w-[22%]"} />
        <col className={actions ? "w-[31%]" : "w-[39%]"} />
        <col className={actions ? "w-[31%]" : "w-[39%]"} />
        {actions && <col className="w-[18%]" />}
      </colgroup>
      <thead className="sticky top-0 bg-white">
        <tr className="text-left text-xs text-slate-500">
          <th className="border-b border-slate-200 px-2 py-1.5 font-medium">项目</th>
          <th className="border-b border-slate-200 px-2 py-1.5 font-medium text-blue-800">{mineLabel}</th>
          <th className="border-b border-slate-200 px-2 py-1.5 font-medium text-slate-700">{theirsLabel}</th>
          {actions && <th className="border-b border-slate-200 px-2 py-1.5 font-medium">处理</th>}
        </tr>
      </thead>
      <tbody>
        {diffs.map((d) => (
          <tr key={d.ref} data-diff={d.ref} className="align-top">
            <th scope="row" className="border-b border-slate-100 px-2 py-2 text-left font-medium text-slate-700">
              {d.label}
            </th>
            <td className="border-b border-slate-100 px-2 py-2">
              <Value text={d.mine} mine />
            </td>
            <td className="border-b border-slate-100 px-2 py-2">
              <Value text={d.theirs} mine={false} />
            </td>
            {actions && <td className="border-b border-slate-100 px-2 py-2">{actions(d)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Fields changed both here and elsewhere since this editor last heard of them: each is put to the user
 * with both values, to keep one side or the other, field by field. Every other field saves meanwhile.
 */
export function ConflictDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { conflicts } = useSaveIssues();
  return (
    <Dialog open={open && conflicts.length > 0} onOpenChange={onOpenChange}>
      <DialogContent data-testid="conflict-dialog">{conflicts.length > 0 && <ConflictBody />}</DialogContent>
    </Dialog>
  );
}

function ConflictBody() {
  const { autosave } = useEditor();
  const { conflicts } = useSaveIssues();
  const mine = useContent();
  const diffs: ContentDiff[] = conflicts.map((c) => ({
    ref: c.ref,
    label: fieldLabel(c.ref),
    mine: fieldDisplay(c.ref, fieldValue(mine, c.ref) ?? c.mine),
    theirs: fieldDisplay(c.ref, c.theirs),
    long: isLongField(c.ref),
  }));
  return (
    <>
      <DialogHeader>
        <DialogTitle>保存冲突：同一处内容已在别处修改</DialogTitle>
        <DialogDescription>
          下列 {diffs.length} 处内容，您和别处（其他窗口或其他人）都修改过，且改法不同。请逐项选择保留哪一方。
          其余内容已正常保存，各自的修改都没有丢失；选择之前，这几处仍保留您的修改，只在本机。
        </DialogDescription>
      </DialogHeader>
      <div className="min-h-0 flex-1 overflow-y-auto px-5 py-3">
        <DiffTable
          diffs={diffs}
          mineLabel="我的修改"
          theirsLabel="别处保存的内容"
          actions={(d) => (
            <div className="flex flex-col gap-1.5">
              <Button size="xs" onClick={() => autosave.resolveConflict(d.ref, "mine")} data-testid="keep-mine">
                保留我的
              </Button>
              <Button size="xs" variant="outline" onClick={() => autosave.resolveConflict(d.ref, "theirs")} data-testid="take-theirs">
                采用别处的
              </Button>
            </div>
          )}
        />
      </div>
      <DialogFooter>
        <Button variant="outline" onClick={() => autosave.resolveAll("theirs")}>
          全部采用别处的
        </Button>
        <Button onClick={() => autosave.resolveAll("mine")}>全部保留我的</Button>
      </DialogFooter>
    </>
  );
}
