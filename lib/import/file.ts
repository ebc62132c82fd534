/**
 * importReportFile: a PDF, DOCX or plain-text file → ImportResult, or a Chinese error the clerk can act on
 * (too large, encrypted, corrupt, a scan without a text layer, not a report, an unsupported type).
 */
import { DocxError, docxToText } from "./docx";
import { htmlToText, looksLikeHtml } from "./html";
import { PdfError, pdfToText } from "./pdf";
import { importReportText } from "./text";
import type { ImportFileError, ImportFileResult, ImportOptions, ImportSourceKind } from "./types";

/** Largest file accepted for import: 10 MB. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Fewer non-space characters than this in a whole PDF: treated as a scan without a text layer. */
const MIN_TEXT_CHARS = 20;

const fail = (code: ImportFileError["code"], message: string): ImportFileError => ({ ok: false, code, message });

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, k) => b[at + k] === v);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46]; // %PDF
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // OLE2: .doc, .wps, .xls, encrypted OOXML

function utf16Includes(bytes: Uint8Array, s: string): boolean {
  const pat = new Uint8Array(s.length * 2);
  for (let k = 0; k < s.length; k++) pat[k * 2] = s.charCodeAt(k);
  outer: for (let i = 0; i + pat.length <= bytes.length; i++) {
    for (let k = 0; k < pat.length; k++) if (bytes[i + k] !== pat[k]) continue outer;
    return true;
  }
  return false;
}

function kindOf(bytes: Uint8Array, fileName: string): ImportSourceKind | "cfb" | "zip" | "image" | "other" {
  const ext = (/\.([a-z0-9]+)$/i.exec(fileName)?.[1] ?? "").toLowerCase();
  // %PDF may follow some junk bytes (allowed by readers) — look in the first 1 KB.
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 4 <= head.length; i++) if (startsWith(head, PDF_MAGIC, i)) return "pdf";
  if (startsWith(bytes, ZIP_MAGIC)) return "zip";
  if (startsWith(bytes, CFB_MAGIC)) return "cfb";
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])
  )
    return "image";
  if (ext === "pdf") return "pdf";
  if (ext === "docx") return "docx";
  if (ext === "html" || ext === "htm" || ext === "xhtml" || ext === "shtml") return "html";
  if (["txt", "text", "md", ""].includes(ext)) return "txt";
  return "other";
}

/** Plain text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } | null {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16LE" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "UTF-16BE" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "UTF-8" };
  } catch {
    // not UTF-8
  }
  try {
    return { text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "GB18030" };
  } catch {
    return null;
  }
}

/**
 * A text or HTML file: the charset an HTML page declares (<meta charset="gb2312"> is common on government
 * sites) when the bytes are not UTF-8, else decodeText's guess.
 */
function decodeHtmlOrText(bytes: Uint8Array): { text: string; encoding: string } | null {
  const d = decodeText(bytes);
  if (d?.encoding !== "UTF-8") {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
    const cs = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    if (cs && /^(gb2312|gbk|gb18030|big5)$/.test(cs)) {
      try {
        return { text: new TextDecoder(cs === "big5" ? "big5" : "gb18030").decode(bytes), encoding: cs.toUpperCase() };
      } catch {
        // fall through
      }
    }
  }
  return d;
}

/** Binary content that is not text (NULs, many control characters). */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes("\u0000")) return true;
  const ctrl = sample.replace(/[\t\n\r\f]/g, "").match(/[\u0001-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return ctrl > sample.length * 0.02;
}

export async function importReportFile(
  bytes: Uint8Array,
  fileName: string,
  opts: ImportOptions = {},
): Promise<ImportFileResult> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    return fail(
      "too-large",
      `文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），最大支持 ${MAX_IMPORT_BYTES / 1024 / 1024} MB。请压缩图片或另存为文字版 PDF/DOCX 后再导入。`,
    );
  }
  if (bytes.length === 0) return fail("empty", "文件是空的，请重新选择上一年度的年度报告文件。");

  const kind = kindOf(bytes, fileName);
  let text: string;
  const source: { kind: ImportSourceKind; pages?: number; encoding?: string } = { kind: "txt" };

  if (kind === "pdf") {
    try {
      const r = await pdfToText(bytes);
      if (r.chars < MIN_TEXT_CHARS) {
        return fail(
          "scanned",
          "这个 PDF 是扫描件（只有图片，没有文字层），无法读取其中的文字。请使用发布时的电子版（可以选中复制文字的 PDF 或 Word 文件）。",
        );
      }
      text = r.text;
      source.kind = "pdf";
      source.pages = r.pages;
    } catch (e) {
      if (e instanceof PdfError && e.code === "encrypted") {
        return fail("encrypted", "这个 PDF 设置了打开密码，无法读取。请先取消密码保护后再导入。");
      }
      return fail("corrupt", "PDF 文件已损坏或格式不正确，无法读取。请重新下载或另存后再导入。");
    }
  } else if (kind === "zip" || kind === "docx") {
    if (kind === "docx" && !startsWith(bytes, ZIP_MAGIC)) {
      return fail("corrupt", "DOCX 文件已损坏或格式不正确，无法读取。请用 Word/WPS 打开后另存为 .docx 再导入。");
    }
    try {
      text = docxToText(bytes);
      source.kind = "docx";
    } catch (e) {
      if (e instanceof DocxError && e.code === "not-docx") {
        return fail("unsupported-type", "不支持这种文件格式（不是 Word 文档）。请上传 PDF、DOCX 或 TXT 格式的年度报告。");
      }
      return fail("corrupt", "DOCX 文件已损坏或格式不正确，无法读取。请用 Word/WPS 打开后另存为 .docx 再导入。");
    }
  } else if (kind === "cfb") {
    if (utf16Includes(bytes.subarray(0, Math.min(bytes.length, 1 << 20)), "EncryptionInfo")) {
      return fail("encrypted", "这个 Word 文件设置了打开密码，无法读取。请先取消密码保护后再导入。");
    }
    return fail(
      "unsupported-type",
      "不支持旧版 Word（.doc）或 WPS 格式。请用 Word/WPS 打开后另存为 .docx 或 PDF 再导入。",
    );
  } else if (kind === "image") {
    return fail("scanned", "这是图片文件，无法读取其中的文字。请使用发布时的电子版（PDF、DOCX 或 TXT）。");
  } else if (kind === "txt" || kind === "html") {
    const d = decodeHtmlOrText(bytes);
    if (!d || looksBinary(d.text)) {
      return fail("unsupported-type", "无法识别文件内容。请上传 PDF、DOCX、网页（HTML）或 TXT 格式的年度报告。");
    }
    source.encoding = d.encoding;
    if (kind === "html" || looksLikeHtml(d.text)) {
      text = htmlToText(d.text);
      source.kind = "html";
    } else {
      text = d.text;
    }
  } else {
    return fail("unsupported-type", "不支持这种文件格式。请上传 PDF、DOCX 或 TXT 格式的年度报告。");
  }

  const result = importReportText(text, opts);
  // Missing top-level sections only (a missing topic of 一 is also a missing-section note).
  const found = 6 - result.notes.filter((n) => n.kind === "missing-section" && n.message.startsWith("没有找到「")).length;
  if (found < 2) {
    return fail(
      "not-a-report",
      "没有在文件中找到年度报告的章节标题（如「一、总体情况」「二、主动公开政府信息情况」），这似乎不是政府信息公开工作年度报告。",
    );
  }
  return { ok: true, ...result, source, text };
}
