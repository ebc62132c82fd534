/**
 * DOCX → the importer's text: body paragraphs one per line, table rows one per line with their cells
 * joined by tabs (a merged cell gives empty cells for the columns it covers, as in the samples' text).
 * Reads word/document.xml itself (fflate unzip + a small tag scanner): mammoth's raw text loses tables.
 */
import { strFromU8, unzipSync } from "fflate";

export class DocxError extends Error {
  constructor(
    readonly code: "corrupt" | "not-docx",
    message: string,
  ) {
    super(message);
  }
}

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : "";
    }
    return ENTITY[e] ?? "";
  });
}

const attr = (attrs: string, name: string): string | null => {
  const m = new RegExp(`${name}="([^"]*)"`).exec(attrs);
  return m ? m[1]! : null;
};

/** Extracts word/document.xml from the package (throws DocxError). */
export function documentXml(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === "word/document.xml" || f.name === "[Content_Types].xml" });
  } catch {
    throw new DocxError("corrupt", "zip");
  }
  const doc = files["word/document.xml"];
  if (!doc) throw new DocxError("not-docx", "no word/document.xml");
  return strFromU8(doc);
}

type Cell = { paras: string[]; span: number; merged: boolean };
type Table = { rows: Cell[][]; row: Cell[] | null; cell: Cell | null };

/** The document's text: paragraphs and table rows as lines. */
export function docxXmlToText(xml: string): string {
  const out: string[] = [];
  const tables: Table[] = [];
  // Paragraph buffers (text boxes nest paragraphs inside paragraphs).
  const paras: string[] = [];
  let inText = false;
  let skip = 0; // inside mc:Fallback, w:instrText, w:delText …
  const SKIP = new Set(["mc:Fallback", "w:instrText", "w:delText", "w:del", "w:footnoteReference"]);
  const tagRe = /<(\/?)([\w:.-]+)([^>]*?)(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  const emitPara = (text: string) => {
    const t = tables[tables.length - 1];
    if (t && t.cell) t.cell.paras.push(text);
    else out.push(text);
  };
  while ((m = tagRe.exec(xml))) {
    if (m[5] !== undefined) {
      if (inText && skip === 0 && paras.length > 0) paras[paras.length - 1] += decodeEntities(m[5]);
      continue;
    }
    const closing = m[1] === "/";
    const name = m[2]!;
    const attrs = m[3] ?? "";
    const selfClosing = m[4] === "/";
    if (name.startsWith("?") || name.startsWith("!")) continue;
    if (SKIP.has(name)) {
      if (selfClosing) continue;
      skip += closing ? -1 : 1;
      if (skip < 0) skip = 0;
      continue;
    }
    if (skip > 0) continue;
    switch (name) {
      case "w:t":
        inText = !closing && !selfClosing;
        break;
      case "w:tab":
        if (!closing && paras.length > 0 && !/w:val=/.test(attrs)) paras[paras.length - 1] += "\t";
        break;
      case "w:br":
      case "w:cr":
        if (!closing && paras.length > 0) paras[paras.length - 1] += "\n";
        break;
      case "w:noBreakHyphen":
        if (!closing && paras.length > 0) paras[paras.length - 1] += "-";
        break;
      case "w:p":
        if (selfClosing) emitPara("");
        else if (!closing) paras.push("");
        else emitPara(paras.pop() ?? "");
        break;
      case "w:tbl":
        if (!closing && !selfClosing) tables.push({ rows: [], row: null, cell: null });
        else if (closing) {
          const t = tables.pop();
          if (!t) break;
          const lines = t.rows.map((r) =>
            r
              .flatMap((c) => {
                const text = c.merged ? "" : c.paras.map((p) => p.replace(/[\t\n]+/g, " ").trim()).join("");
                return [text, ...Array.from({ length: c.span - 1 }, () => "")];
              })
              .join("\t"),
          );
          // A table inside a cell: its rows become text of that cell.
          const outer = tables[tables.length - 1];
          if (outer && outer.cell) outer.cell.paras.push(lines.join(" "));
          else out.push(...lines);
        }
        break;
      case "w:tr": {
        const t = tables[tables.length - 1];
        if (!t) break;
        if (!closing) t.row = [];
        else if (t.row) {
          t.rows.push(t.row);
          t.row = null;
        }
        break;
      }
      case "w:tc": {
        const t = tables[tables.length - 1];
        if (!t) break;
        if (!closing && !selfClosing) t.cell = { paras: [], span: 1, merged: false };
        else if (closing && t.cell) {
          (t.row ??= []).push(t.cell);
          t.cell = null;
        }
        break;
      }
      case "w:gridSpan": {
        const t = tables[tables.length - 1];
        const v = Number(attr(attrs, "w:val"));
        if (t?.cell && v > 1) t.cell.span = v;
        break;
      }
      case "w:vMerge": {
        const t = tables[tables.length - 1];
        const v = attr(attrs, "w:val");
        if (t?.cell && v !== "restart") t.cell.merged = true;
        break;
      }
      default:
        break;
    }
  }
  return out.join("\n");
}

export function docxToText(bytes: Uint8Array): string {
  return docxXmlToText(documentXml(bytes));
}
