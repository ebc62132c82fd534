"use client";

import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import type { ReportContent } from "@/lib/template";
import { withFields, fieldValue } from "@/lib/report/client";
import { formatDateTimeSeconds } from "@/lib/labels";
import { backupEdits, clearBackup } from "./backup";
import type { RestoreOffer } from "./restore-offer";
import { DiffTable } from "./conflict-dialog";
import { diffContent } from "./diff";
import { useEditor } from "./context";

export function RestoreDialog({
  offer,
  serverContent,
  serverVersion,
}: {
  offer: RestoreOffer;
  serverContent: ReportContent;
  serverVersion: number;
}) {
  const { store, autosave, reportId } = useEditor();
  const backup = useSyncExternalStore(offer.subscribe, offer.getSnapshot, offer.getServerSnapshot);
  if (!backup) return null;
  // Only the clerk's own edits: the server's content with them applied, against the server's content.
  const edits = backupEdits(backup, serverContent);
  const restored = withFields(
    serverContent,
    edits.map((e) => [e.ref, fieldValue(backup.content, e.ref) ?? null] as const),
  );
  const diffs = diffContent(restored, serverContent);
  const writtenAt = formatDateTimeSeconds(backup.writtenAt);
  return (
    <Dialog open>
      <DialogContent showClose={false} data-testid="restore-dialog" onEscapeKeyDown={(e) => e.preventDefault()} onInteractOutside={(e) => e.preventDefault()}>
        <DialogHeader>
          <DialogTitle>发现未保存的本地内容</DialogTitle>
          <DialogDescription>
            本机保存了 {writtenAt} 尚未保存到服务器的 {diffs.length} 处修改（可能因网络中断、浏览器关闭等原因）。是否恢复？
            {backup.baseVersion < serverVersion && (
              <span className="mt-1 block text-amber-800">
                此后服务器上的报告已更新（第 {serverVersion} 版）。恢复只带回上表中您的修改；其间他人修改过的同一处，将请您逐项选择保留哪一方。
              </span>
            )}
          </DialogDescription>
        </DialogHeader>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-3">
          <DiffTable diffs={diffs} mineLabel="本地内容" theirsLabel="服务器版本" />
        </div>
        <DialogFooter>
          <Button
            variant="outline"
            onClick={() => {
              clearBackup(reportId);
              offer.resolve();
            }}
          >
            丢弃本地内容
          </Button>
          <Button
            onClick={() => {
              offer.resolve();
              store.replaceContent(autosave.restore({ content: backup.content, base: backup.base ?? serverContent }));
            }}
          >
            恢复本地内容
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
