"use client";

import { useRef, useState } from "react";
import type { ImportPreview } from "@/lib/server/services/import-report";
import { Button } from "@/components/ui/button";
import { ImportReview } from "./import-review";
import { useHydrated } from "@/components/ui/use-hydrated";

const ACCEPT = [
  ".pdf",
  ".docx",
  ".txt",
  ".html",
  ".htm",
  "application/pdf",
  "text/html",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "text/plain",
].join(",");

type Phase =
  | { kind: "idle"; error: string | null }
  | { kind: "uploading"; fileName: string; loaded: number; total: number }
  | { kind: "parsing"; fileName: string }
  | { kind: "review"; preview: ImportPreview };

type UploadAnswer = { ok: true; preview: ImportPreview } | { ok: false; code?: string; message: string };

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** Upload (with progress) → review → confirmation. Nothing is stored before the confirmation. */
export function ImportWizard({ maxBytes }: { maxBytes: number }) {
  const [phase, setPhase] = useState<Phase>({ kind: "idle", error: null });
  // a file chosen or text pasted before the page is interactive would not be read: disabled until then
  const hydrated = useHydrated();
  const inputRef = useRef<HTMLInputElement>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  const restart = (error: string | null = null) => {
    xhrRef.current?.abort();
    xhrRef.current = null;
    if (inputRef.current) inputRef.current.value = "";
    setPhase({ kind: "idle", error });
  };

  const upload = (file: File) => {
    if (file.size > maxBytes) {
      restart(`文件过大（${mb(file.size)} MB），最大支持 ${maxBytes / 1024 / 1024} MB。请压缩图片或另存为文字版 PDF/DOCX 后再导入。`);
      return;
    }
    if (file.size === 0) {
      restart("文件是空的，请重新选择上一年度的年度报告文件。");
      return;
    }
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    setPhase({ kind: "uploading", fileName: file.name, loaded: 0, total: file.size });
    xhr.upload.onprogress = (e) => {
      if (xhrRef.current !== xhr) return;
      setPhase({ kind: "uploading", fileName: file.name, loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    };
    xhr.upload.onload = () => {
      if (xhrRef.current === xhr) setPhase({ kind: "parsing", fileName: file.name });
    };
    xhr.onload = () => {
      if (xhrRef.current !== xhr) return;
      xhrRef.current = null;
      let answer: UploadAnswer | null = null;
      try {
        answer = JSON.parse(xhr.responseText) as UploadAnswer;
      } catch {
        answer = null;
      }
      if (xhr.status === 401) {
        restart("登录已过期，请重新登录后再导入。");
      } else if (!answer) {
        restart(`导入失败：服务器没有正常响应（${xhr.status}），请稍后重试。`);
      } else if (!answer.ok) {
        restart(answer.message);
      } else {
        setPhase({ kind: "review", preview: answer.preview });
        window.scrollTo({ top: 0 });
      }
    };
    xhr.onerror = () => {
      if (xhrRef.current === xhr) restart("上传失败：网络连接中断，请检查网络后重试。");
    };
    xhr.open("POST", "/reports/import/upload");
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.send(file);
  };

  if (phase.kind === "review") return <ImportReview preview={phase.preview} onRestart={() => restart()} />;

  const busy = phase.kind === "uploading" || phase.kind === "parsing";
  const percent = phase.kind === "uploading" && phase.total > 0 ? Math.min(100, Math.round((phase.loaded / phase.total) * 100)) : 100;
  return (
    <section className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <div>
        <label htmlFor="import-file" className="text-sm font-medium text-slate-800">
          选择上一年度已发布的年度报告
        </label>
        <p className="mt-1 text-sm text-slate-500">
          支持 PDF（须为可以选中文字的电子版，扫描件无法识别）、Word（.docx）、保存的网页（.html）和纯文本（.txt），最大 {maxBytes / 1024 / 1024} MB。
          上传后先显示识别结果，确认之前不会保存任何内容。
        </p>
      </div>
      <input
        ref={inputRef}
        id="import-file"
        name="file"
        type="file"
        accept={ACCEPT}
        disabled={busy || !hydrated}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload(file);
        }}
        className="block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-blue-700 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-white hover:file:bg-blue-800 disabled:opacity-60"
      />
      <div>
        <label htmlFor="import-paste" className="text-sm font-medium text-slate-800">
          或者：在网页上全选复制年度报告，粘贴到这里
        </label>
        <textarea
          id="import-paste"
          data-testid="import-paste"
          disabled={busy || !hydrated}
          rows={3}
          placeholder="在此处粘贴（Ctrl+V）。网页中的表格会按原表格结构识别。"
          onPaste={(e) => {
            // The page's HTML (its real tables) when the clipboard has it, else its plain text.
            const html = e.clipboardData.getData("text/html");
            const text = e.clipboardData.getData("text/plain");
            e.preventDefault();
            if (!html.trim() && !text.trim()) return;
            const file = html.trim()
              ? new File([html], "粘贴的网页内容.html", { type: "text/html" })
              : new File([text], "粘贴的文字.txt", { type: "text/plain" });
            upload(file);
          }}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm focus:border-blue-600 focus:outline-none disabled:opacity-60"
        />
      </div>
      {busy ? (
        <div className="space-y-1" aria-live="polite" data-testid="import-progress">
          <div className="flex justify-between text-sm text-slate-600">
            <span>{phase.kind === "uploading" ? `正在上传「${phase.fileName}」…` : `正在识别「${phase.fileName}」…`}</span>
            <span>{phase.kind === "uploading" ? `${percent}%` : ""}</span>
          </div>
          <div
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-label="上传进度"
            className="h-2 overflow-hidden rounded bg-slate-100"
          >
            <div
              className={phase.kind === "parsing" ? "h-full w-full animate-pulse bg-blue-400" : "h-full bg-blue-600 transition-[width]"}
              style={phase.kind === "uploading" ? { width: `${percent}%` } : undefined}
            />
          </div>
          <Button variant="link" size="xs" onClick={() => restart()}>
            取消
          </Button>
        </div>
      ) : null}
      {phase.kind === "idle" && phase.error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="import-error">
          {phase.error}
        </p>
      ) : null}
    </section>
  );
}
