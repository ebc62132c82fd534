/**
 * HTML → the importer's text, with parse5 (the WHATWG parser browsers use): a saved web page (.html/.htm) or
 * the HTML a browser puts on the clipboard. Block elements become lines; a data table becomes one line per
 * row with its cells joined by tabs, laid out on the table's real grid: a cell spanning columns gives empty
 * cells for the columns it covers and a cell spanning rows gives empty cells below it (as the DOCX reader
 * does), blank cells stay empty cells. Scripts, styles and hidden elements are skipped; a layout table (a
 * table holding another table) is read as blocks.
 */
import { parse, parseFragment } from "parse5";

type Node = {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
};

const SKIP = new Set(["script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object", "svg", "button", "select", "option", "input", "textarea"]);
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main",
  "nav", "ol", "p", "pre", "section", "summary", "ul", "caption", "tbody", "thead", "tfoot",
]);

const attr = (n: Node, name: string) => n.attrs?.find((a) => a.name === name)?.value ?? null;

function hidden(n: Node): boolean {
  if (attr(n, "hidden") !== null) return true;
  const style = (attr(n, "style") ?? "").replace(/\s+/g, "").toLowerCase();
  return /display:none|visibility:hidden/.test(style);
}

const children = (n: Node): Node[] => (n.tagName === "template" ? (n.content?.childNodes ?? []) : (n.childNodes ?? []));

/** Whitespace of HTML source collapses to one space; a no-break space is a space. */
const collapse = (s: string) => s.replace(/[\s\u00a0]+/g, " ");

/** The text inside a table cell: inline text, line breaks and paragraphs joined without a separator. */
function cellText(n: Node): string {
  const parts: string[] = [];
  const walk = (x: Node) => {
    if (x.nodeName === "#text") {
      parts.push(collapse(x.value ?? ""));
      return;
    }
    if (!x.tagName || SKIP.has(x.tagName) || hidden(x)) return;
    if (x.tagName === "br" || BLOCK.has(x.tagName)) parts.push("\u0001");
    for (const c of children(x)) walk(c);
    if (BLOCK.has(x.tagName)) parts.push("\u0001");
  };
  for (const c of children(n)) walk(c);
  // Pieces on separate lines inside a cell ("本年新<br>制作数量", "商业<br>企业") belong together; a space
  // is kept only between two pieces that are both Latin or digits ("0.12 <br> 34" never happens in a cell).
  const pieces = parts.join("").split("\u0001").map((p) => p.trim()).filter(Boolean);
  let out = "";
  for (const p of pieces) out += out && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(p) ? ` ${p}` : p;
  return out.replace(/\t/g, " ");
}

function hasDescendant(n: Node, tag: string): boolean {
  return children(n).some((c) => c.tagName === tag || (c.tagName !== undefined && hasDescendant(c, tag)));
}

/** The rows of a table element (its own rows, not those of nested tables). */
function tableRows(table: Node): Node[] {
  const rows: Node[] = [];
  const walk = (n: Node) => {
    for (const c of children(n)) {
      if (c.tagName === "tr") rows.push(c);
      else if (c.tagName === "thead" || c.tagName === "tbody" || c.tagName === "tfoot") walk(c);
    }
  };
  walk(table);
  return rows;
}

const span = (n: Node, name: string) => {
  const v = Number.parseInt(attr(n, name) ?? "1", 10);
  return Number.isFinite(v) && v >= 1 ? Math.min(v, 200) : 1;
};

/** A data table on its grid: rows of cells (texts), spans filled with empty cells. */
function tableGrid(table: Node): string[][] {
  const grid: string[][] = [];
  /** Columns still covered by a row span from above: column → rows left. */
  const covered = new Map<number, number>();
  for (const tr of tableRows(table)) {
    const row: string[] = [];
    let col = 0;
    const skipCovered = () => {
      while ((covered.get(col) ?? 0) > 0) {
        row[col] = "";
        col++;
      }
    };
    for (const cell of children(tr).filter((c) => c.tagName === "td" || c.tagName === "th")) {
      if (hidden(cell)) continue;
      skipCovered();
      const cs = span(cell, "colspan");
      const rs = span(cell, "rowspan");
      row[col] = cellText(cell);
      for (let k = 1; k < cs; k++) row[col + k] = "";
      if (rs > 1) for (let k = 0; k < cs; k++) covered.set(col + k, rs);
      col += cs;
    }
    skipCovered();
    // This row is done: every span from above loses a row.
    for (const [c, left] of [...covered]) {
      if (left <= 1) covered.delete(c);
      else covered.set(c, left - 1);
    }
    // Cells this row started with a row span count themselves already: they were set to rs, and the row
    // they start in is the first of them (decremented above) — correct.
    grid.push(Array.from({ length: row.length }, (_, k) => row[k] ?? ""));
  }
  return grid;
}

/** The text of an HTML document or fragment: blocks as lines, tables as tab-separated rows. */
export function htmlToText(html: string): string {
  const doc = (/<html[\s>]|<body[\s>]|<!doctype/i.test(html) ? parse(html) : parseFragment(html)) as unknown as Node;
  const lines: string[] = [];
  let cur = "";
  const flush = () => {
    const t = cur.replace(/[ ]+/g, " ").trim();
    if (t) lines.push(t);
    cur = "";
  };
  const walk = (n: Node) => {
    if (n.nodeName === "#text") {
      cur += collapse(n.value ?? "");
      return;
    }
    if (n.nodeName === "#comment") return;
    const tag = n.tagName;
    if (tag && (SKIP.has(tag) || hidden(n))) return;
    if (tag === "br") {
      flush();
      return;
    }
    if (tag === "table" && !hasDescendant(n, "table")) {
      flush();
      for (const row of tableGrid(n)) {
        if (row.every((c) => c === "")) continue;
        lines.push(row.join("\t"));
      }
      lines.push("");
      return;
    }
    const block = tag !== undefined && (BLOCK.has(tag) || tag === "table" || tag === "tr" || tag === "td" || tag === "th");
    if (block) flush();
    for (const c of children(n)) walk(c);
    if (block) flush();
  };
  walk(doc);
  flush();
  return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}

/** Whether a text (a file's content or a paste) is HTML rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).trimStart();
  if (/^<!doctype html|^<html[\s>]|^<\?xml[^>]*>\s*<html/i.test(head)) return true;
  // Clipboard HTML ("<meta charset='utf-8'><p …>") and fragments: several block or table tags.
  const tags = head.match(/<\/?(?:p|div|table|tr|td|span|br|meta|h[1-6])[\s>/]/gi)?.length ?? 0;
  return /^</.test(head) && tags >= 2;
}
