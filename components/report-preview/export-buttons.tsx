"use client";

import { useEffect, useState } from "react";
import { AlertTriangleIcon, EyeIcon, EyeOffIcon, FileDownIcon, FileTextIcon, Loader2Icon, XIcon } from "lucide-react";
import { reportTitleSuffix } from "@/lib/template";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { useEditor, useHeader, useSaveState } from "@/components/report-editor/context";
import { downloadExport, type ExportKind } from "./download";
import dynamic from "next/dynamic";
import { usePreviewPlacement, usePreviewState } from "./preview-state";
import { useHydrated } from "@/components/ui/use-hydrated";

/** The page preview (and pdf.js) loads when first opened. */
const PreviewPanel = dynamic(() => import("./preview-panel").then((m) => m.PreviewPanel), { ssr: false });

/** Changes after every successful save (the server's save time); "" before any is known. */
export function useSavedStamp(): string {
  const { autosave } = useEditor();
  const [stamp, setStamp] = useState(() => {
    const s = autosave.getState();
    return s.kind === "saved" ? s.savedAt : "";
  });
  useEffect(() => {
    const off = autosave.subscribe(() => {
      const s = autosave.getState();
      if (s.kind === "saved") setStamp(s.savedAt);
    });
    return () => {
      off();
    };
  }, [autosave]);
  return stamp;
}

const GLYPH_CHECK_DELAY_MS = 1200;

type Glyphs = { fallback: string[]; unrenderable: string[] };
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((c): c is string => typeof c === "string") : []);

/** Characters of the saved report that the body face lacks (checked on the server after saves). */
function useMissingGlyphs(reportId: string, stamp: string): Glyphs {
  const [glyphs, setGlyphs] = useState<Glyphs>({ fallback: [], unrenderable: [] });
  useEffect(() => {
    const ctrl = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/reports/${encodeURIComponent(reportId)}/preview/glyphs`, {
          signal: ctrl.signal,
          credentials: "same-origin",
          cache: "no-store",
        });
        if (!res.ok) return;
        const body = (await res.json()) as { missingGlyphs?: unknown; unrenderable?: unknown };
        const unrenderable = strings(body.unrenderable);
        setGlyphs({ fallback: strings(body.missingGlyphs).filter((c) => !unrenderable.includes(c)), unrenderable });
      } catch {
        // a notice, not essential: try again after the next save
      }
    }, GLYPH_CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [reportId, stamp]);
  return glyphs;
}

const MAX_SHOWN = 12;
const shown = (chars: string[]) => chars.slice(0, MAX_SHOWN).join("") + (chars.length > MAX_SHOWN ? "…" : "");
const NOTICE =
  "inline-flex max-w-64 items-center gap-1 truncate rounded bg-amber-50 px-2 py-1 text-xs text-amber-800 ring-1 ring-amber-200";

/**
 * The editor toolbar's export controls: 预览 (the page preview panel), 下载 PDF and 下载 Word (fetch
 * with progress and Chinese errors, saved under the server's file name), and a notice when some
 * characters are not in the body face. Also on the read-only (reviewer) view.
 */
const EXPORTS: readonly { format: ExportKind; label: string; Icon: typeof FileDownIcon }[] = [
  { format: "pdf", label: "下载 PDF", Icon: FileDownIcon },
  { format: "docx", label: "下载 Word", Icon: FileTextIcon },
];

export function ExportButtons({ pdfUrl }: { pdfUrl: string }) {
  const { reportId, readOnly, autosave, year } = useEditor();
  const header = useHeader();
  const saveState = useSaveState();
  const stamp = useSavedStamp();
  const missing = useMissingGlyphs(reportId, stamp);
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const preview = usePreviewState();
  const hydrated = useHydrated();
  const placement = usePreviewPlacement();

  const urls: Record<ExportKind, string> = {
    pdf: pdfUrl,
    docx: `/reports/${encodeURIComponent(reportId)}/docx`,
  };

  const download = async (kind: ExportKind) => {
    if (busy) return;
    setBusy(kind);
    setError(null);
    try {
      // The file is made from the saved report: save what is pending first (best effort).
      if (!readOnly && autosave.hasUnsaved()) await autosave.saveAll();
      const fallback = `${header.organName.trim() || "报告"}${reportTitleSuffix(year)}.${kind}`;
      const r = await downloadExport(urls[kind], kind, fallback);
      if (!r.ok) setError(r.message);
    } finally {
      setBusy(null);
    }
  };

  const unsavedHint = !readOnly && saveState.kind !== "saved" ? "文件依据已保存的内容生成：下载前会先保存尚未保存的修改" : null;

  return (
    <>
      {missing.fallback.length > 0 && (
        <Tooltip content="本地的仿宋字体缺少这些字符，导出时以思源宋体显示，字形与正文略有不同。人名、地名中的生僻字属正常情况。">
          <span tabIndex={0} className={NOTICE} data-testid="missing-glyphs" role="note">
            <AlertTriangleIcon className="size-3.5 shrink-0" />
            以下字符将以备用字体显示：{shown(missing.fallback)}
          </span>
        </Tooltip>
      )}
      {missing.unrenderable.length > 0 && (
        <Tooltip content="没有任何可用字体包含这些字符（如表情符号），PDF 中以 □ 代替；Word 文件保留原字符。建议改为文字表述。">
          <span tabIndex={0} className={NOTICE} data-testid="unrenderable-glyphs" role="note">
            <AlertTriangleIcon className="size-3.5 shrink-0" />
            以下字符无法显示，PDF 中以 □ 代替：{shown(missing.unrenderable)}
          </span>
        </Tooltip>
      )}
      <Button
        variant={preview.open ? "secondary" : "outline"}
        size="sm"
        onClick={preview.toggle}
        disabled={!hydrated}
        aria-pressed={preview.open}
        data-testid="preview-toggle"
      >
        {preview.open ? <EyeOffIcon /> : <EyeIcon />} 预览
      </Button>
      {EXPORTS.map(({ format, label, Icon }) => (
        <Tooltip key={format} content={unsavedHint} align="end">
          <span className="inline-flex">
            <Button
              variant="outline"
              size="sm"
              disabled={busy !== null || !hydrated}
              aria-busy={busy === format}
              onClick={() => void download(format)}
              data-testid={`export-${format}`}
            >
              {busy === format ? <Loader2Icon className="animate-spin" /> : <Icon />}
              {busy === format ? "正在生成…" : label}
            </Button>
          </span>
        </Tooltip>
      ))}
      {error && (
        <span
          role="alert"
          className="inline-flex max-w-md items-center gap-1 rounded bg-red-50 px-2 py-1 text-xs text-red-700 ring-1 ring-red-200"
          data-testid="export-error"
        >
          <AlertTriangleIcon className="size-3.5 shrink-0" />
          {error}
          <button type="button" className="ml-1 rounded p-0.5 hover:bg-red-100" onClick={() => setError(null)} aria-label="关闭提示">
            <XIcon className="size-3" />
          </button>
        </span>
      )}
      {/* docked, the editor's side column shows it (DockedPreview) */}
      {preview.open && placement !== "docked" && (
        <PreviewPanel reportId={reportId} stamp={stamp} placement={placement} onClose={() => preview.setOpen(false)} />
      )}
    </>
  );
}
