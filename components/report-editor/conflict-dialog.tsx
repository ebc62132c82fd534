"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { useContent, useEditor, useSaveState } from "./context";
import { diffContent, type ContentDiff } from "./diff";
import type { ReportContent } from "@/lib/template";
import { formatDateTimeSeconds } from "@/lib/labels";

export const discardedKey = (reportId: string) => `nianbao:editor-discarded:${reportId}`;

function when(iso: string): string {
  return formatDateTimeSeconds(iso) || iso;
}

/** Both versions of every differing field, side by side. */
export function DiffTable({ diffs, mineLabel, theirsLabel }: { diffs: readonly ContentDiff[]; mineLabel: string; theirsLabel: string }) {
  if (diffs.length === 0) return <p className="text-sm text-slate-600">两个版本内容相同。</p>;
  return (
    <table className="w-full table-fixed border-collapse text-[13px]" data-testid="diff-table">
      <colgroup>
        <col className="w-[22%]" />
        <col className="w-[39%]" />
        <col className="w-[39%]" />
      </colgroup>
      <thead className="sticky top-0 bg-white">
        <tr className="text-left text-xs text-slate-500">
          <th className="border-b border-slate-200 px-2 py-1.5 font-medium">项目</th>
          <th className="border-b border-slate-200 px-2 py-1.5 font-medium text-blue-800">{mineLabel}</th>
          <th className="border-b border-slate-200 px-2 py-1.5 font-medium text-slate-700">{theirsLabel}</th>
        </tr>
      </thead>
      <tbody>
        {diffs.map((d) => (
          <tr key={d.ref} data-diff={d.ref} className="align-top">
            <th scope="row" className="border-b border-slate-100 px-2 py-2 text-left font-medium text-slate-700">
              {d.label}
            </th>
            {[d.mine, d.theirs].map((v, i) => (
              <td key={i} className="border-b border-slate-100 px-2 py-2">
                <div
                  className={
                    "max-h-40 overflow-y-auto whitespace-pre-wrap break-words rounded px-2 py-1 " +
                    (i === 0 ? "bg-blue-50 text-slate-900" : "bg-slate-50 text-slate-700")
                  }
                >
                  {v === "" ? <span className="italic text-slate-400">（空）</span> : v}
                </div>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ConflictDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const state = useSaveState();
  return (
    <Dialog open={open && state.kind === "conflict"} onOpenChange={onOpenChange}>
      <DialogContent data-testid="conflict-dialog">{state.kind === "conflict" && <ConflictBody state={state} />}</DialogContent>
    </Dialog>
  );
}

function ConflictBody({
  state,
}: {
  state: { serverVersion: number; serverContent: ReportContent; serverSavedAt: string; message: string };
}) {
  const { store, autosave, reportId } = useEditor();
  const mine = useContent();
  const diffs = diffContent(mine, state.serverContent);
  const [confirmTake, setConfirmTake] = useState(false);

  const takeServer = () => {
    try {
      window.localStorage.setItem(
        discardedKey(reportId),
        JSON.stringify({ discardedAt: new Date().toISOString(), content: store.getContent() }),
      );
    } catch {
      /* best effort */
    }
    const server = autosave.takeServer();
    if (server) store.replaceContent(server);
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>保存冲突：报告已被他人修改</DialogTitle>
        <DialogDescription>
          在您编辑期间，此报告已在别处保存为第 {state.serverVersion} 版（{when(state.serverSavedAt)}）。自动保存已暂停，
          您的修改仍保留在本页，没有丢失。请对照下列 {diffs.length} 处不同，选择保留哪一个版本。
        </DialogDescription>
      </DialogHeader>
      <div className="min-h-0 flex-1 overflow-y-auto px-5 py-3">
        <DiffTable diffs={diffs} mineLabel="我的修改" theirsLabel={`服务器版本（第 ${state.serverVersion} 版）`} />
      </div>
      <DialogFooter>
        {confirmTake ? (
          <>
            <span className="mr-auto text-sm text-red-700">采用服务器版本将放弃上表中“我的修改”一列的内容，确定吗？</span>
            <Button variant="ghost" onClick={() => setConfirmTake(false)}>
              返回
            </Button>
            <Button variant="destructive" onClick={takeServer}>
              确定采用服务器版本
            </Button>
          </>
        ) : (
          <>
            <Button variant="outline" onClick={() => setConfirmTake(true)}>
              采用服务器版本
            </Button>
            <Button onClick={() => void autosave.keepMine()}>保留我的修改</Button>
          </>
        )}
      </DialogFooter>
    </>
  );
}
