"use client";

// Loaded on demand (report-editor.tsx): only when a read-only report has unsaved local edits.

import type { ReportContent } from "@/lib/template";
import { fieldValue, withFields } from "@/lib/report/client";
import { formatDateTimeSeconds } from "@/lib/labels";
import { backupEdits, type Backup } from "./backup";
import { DiffTable } from "./conflict-dialog";
import { diffContent } from "./diff";

/**
 * What the clerk typed here that the server did not take, because the report became read-only meanwhile
 * (submitted from another tab, approved…): said, and shown to be copied. The local copy stays: when the
 * report is returned or withdrawn, opening it offers to restore them (restore-dialog.tsx).
 */
export function LostEdits({ backup, serverContent }: { backup: Backup; serverContent: ReportContent }) {
  const edits = backupEdits(backup, serverContent);
  const typed = withFields(serverContent, edits.map((e) => [e.ref, fieldValue(backup.content, e.ref) ?? null] as const));
  const diffs = diffContent(typed, serverContent);
  if (diffs.length === 0) return null;
  return (
    <section role="alert" className="border-b border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="lost-edits">
      <p className="font-medium">
        您在本机 {formatDateTimeSeconds(backup.writtenAt)} 输入的 {diffs.length} 处内容没有保存：报告在此期间已变为不可编辑（如已提交审核）。
      </p>
      <p className="mt-1">
        这些内容仍保留在本机浏览器中：报告被退回或撤回后，在本机打开本页即可恢复；也可以从下表复制，交给审核人或留待修改时使用。
      </p>
      <details className="mt-2" open>
        <summary className="cursor-pointer text-amber-900">未保存的内容</summary>
        <div className="mt-2 max-h-72 overflow-y-auto rounded border border-amber-200 bg-white p-2">
          <DiffTable diffs={diffs} mineLabel="您输入的（未保存）" theirsLabel="报告中的" />
        </div>
      </details>
    </section>
  );
}
