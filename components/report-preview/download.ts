/**
 * Client side of the export downloads: fetch the file (so the button can show progress and the
 * errors can be told in Chinese), then save it under the server's file name.
 */

/**
 * The file name of a Content-Disposition header: `filename*` (RFC 5987, UTF-8 percent-encoded)
 * when present, else `filename`; null when neither is usable.
 */
export function fileNameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    const charset = (star[1] ?? "").trim().toLowerCase();
    const value = (star[2] ?? "").trim().replace(/^"(.*)"$/, "$1");
    try {
      if (charset === "" || charset === "utf-8") return decodeURIComponent(value) || null;
    } catch {
      // malformed escapes: fall back to filename=
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = (plain?.[2] ?? plain?.[1] ?? "").trim();
  return name || null;
}

export type ExportKind = "pdf" | "docx";

const LABEL: Record<ExportKind, string> = { pdf: " PDF ", docx: " Word 文件" };

export type DownloadResult = { ok: true; fileName: string } | { ok: false; message: string };

/** The message for a failed download, by HTTP status (0 = network failure). */
export function downloadErrorMessage(kind: ExportKind, status: number): string {
  if (status === 0) return `网络错误，${LABEL[kind].trim()} 未能下载。请检查网络连接后重试。`;
  if (status === 401 || status === 403) return "登录已失效或没有权限，请重新登录后再下载。";
  if (status === 404) return "找不到该报告，或您没有下载它的权限。";
  return `生成${LABEL[kind]}失败（服务器错误 ${status}），请稍后重试。`;
}

/** Fetch an export and hand it to the browser's download. */
export async function downloadExport(url: string, kind: ExportKind, fallbackName: string): Promise<DownloadResult> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  } catch {
    return { ok: false, message: downloadErrorMessage(kind, 0) };
  }
  if (!res.ok || res.redirected) return { ok: false, message: downloadErrorMessage(kind, res.redirected ? 401 : res.status) };
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch {
    return { ok: false, message: downloadErrorMessage(kind, 0) };
  }
  const fileName = fileNameFromContentDisposition(res.headers.get("content-disposition")) ?? fallbackName;
  saveBlob(blob, fileName);
  return { ok: true, fileName };
}

export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // give the browser time to start the download before the URL goes
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** The characters of the X-Missing-Glyphs header (percent-encoded UTF-8). */
export function parseMissingGlyphsHeader(value: string | null | undefined): string[] {
  if (!value) return [];
  try {
    return [...decodeURIComponent(value)];
  } catch {
    return [];
  }
}
