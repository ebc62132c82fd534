/**
 * Render a report view model to a DOCX (Word) document in the 公文 layout of GB/T 9704-2012
 * (shared/spec/official-format.md §9), with the `docx` package.
 *
 * The document is meant to be edited further by the clerk, so it uses real paragraph styles
 * (公文标题 / 一级标题 / 二级标题 / 公文正文 / 表格文字 / 落款 / 页码) rather than direct formatting,
 * and names the OFFICIAL fonts (方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312, 宋体) in every font
 * slot; LibreOffice maps them to the committed stand-ins via fonts/fontconfig/fonts.conf.
 *
 * Page breaks are left to Word: headings keep with the next paragraph, table rows never split,
 * table header rows repeat on every page, caption and block-header rows keep with the next row.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table as DocxTable,
  TableCell as DocxTableCell,
  TableLayoutType,
  TableRow as DocxTableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IParagraphStyleOptions,
} from "docx";
import { TextWatermark } from "docx/watermarks";
import type { Block, Table, TableCell, TableRow, ViewModel } from "../view-model";
import {
  ALIGN,
  BODY,
  FOLIO,
  FONT,
  MARGIN,
  PAGE,
  TABLE,
  TEXT_W,
  TITLE,
  cleanText,
  columnWidths,
  fontSlots,
  signatureIndents,
  splitParagraphs,
} from "./layout";

/** Paragraph style ids (the names Word shows are in STYLES). */
export const STYLE = {
  title: "ReportTitle",
  heading1: "ReportHeading1",
  heading2: "ReportHeading2",
  body: "ReportBody",
  table: "ReportTableText",
  signature: "ReportSignature",
  folio: "ReportPageNumber",
} as const;

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

const STYLES: IParagraphStyleOptions[] = [
  {
    id: STYLE.title,
    name: "公文标题",
    basedOn: "Normal",
    next: "Normal",
    quickFormat: true,
    run: { font: fontSlots(FONT.title), size: TITLE.size, characterSpacing: 0 },
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { ...exact(TITLE.line), after: TITLE.after },
      keepNext: true,
      keepLines: true,
    },
  },
  {
    id: STYLE.heading1,
    name: "一级标题",
    basedOn: "Normal",
    next: STYLE.body,
    quickFormat: true,
    run: { font: fontSlots(FONT.hei) },
    paragraph: { indent: { firstLine: BODY.indent }, keepNext: true, keepLines: true, outlineLevel: 0 },
  },
  {
    id: STYLE.heading2,
    name: "二级标题",
    basedOn: "Normal",
    next: STYLE.body,
    quickFormat: true,
    run: { font: fontSlots(FONT.kai) },
    paragraph: { indent: { firstLine: BODY.indent }, keepNext: true, keepLines: true, outlineLevel: 1 },
  },
  {
    id: STYLE.body,
    name: "公文正文",
    basedOn: "Normal",
    next: STYLE.body,
    quickFormat: true,
    paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: BODY.indent } },
  },
  {
    id: STYLE.signature,
    name: "落款",
    basedOn: "Normal",
    next: "Normal",
    paragraph: { alignment: AlignmentType.RIGHT, keepNext: true },
  },
  {
    id: STYLE.table,
    name: "表格文字",
    basedOn: "Normal",
    next: STYLE.table,
    run: { font: fontSlots(FONT.song), size: TABLE.fontSize * 2, characterSpacing: 0 },
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: exact(Math.round(TABLE.fontSize * TABLE.lineFactor * 20)),
    },
  },
  {
    id: STYLE.folio,
    name: "页码",
    basedOn: "Normal",
    next: STYLE.folio,
    run: { font: fontSlots(FONT.song), size: FOLIO.size, characterSpacing: 0 },
    paragraph: { spacing: exact(FOLIO.line) },
  },
];

// ---------------------------------------------------------------------------------------------
// Blocks

/** Runs of a text with line breaks kept as Word line breaks. */
function runs(text: string, props: { font?: string; size?: number } = {}): TextRun[] {
  const font = props.font ? fontSlots(props.font) : undefined;
  return cleanText(text)
    .split("\n")
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, font, size: props.size }));
}

/**
 * Paragraph properties docx 9 cannot put in a style, given to every paragraph of the flow:
 * - widow/orphan control;
 * - w:overflowPunct, explicitly on. That is Word's default (punctuation may hang into the right
 *   margin), but LibreOffice imports the element inverted: present and on, it turns LibreOffice's
 *   hanging punctuation OFF, which is what we need — in justified paragraphs LibreOffice 7.4 drops
 *   a hanging line-end "，" from the page (measured: the character vanished from the PDF). Without
 *   hanging it moves the last character down with the punctuation (kinsoku) instead.
 */
const FLOW = { widowControl: true, overflowPunctuation: true } as const;

const para = (style: string, text: string, extra: { spaceBefore?: number } = {}) =>
  new Paragraph({
    style,
    ...FLOW,
    children: runs(text),
    ...(extra.spaceBefore ? { spacing: { before: extra.spaceBefore } } : {}),
  });

const border = { style: BorderStyle.SINGLE, size: TABLE.border, color: "000000" };
const BORDERS = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

function tableOf(table: Table): DocxTable {
  const widths = columnWidths(table.columns);
  const ncols = widths.length;
  const fontSize = table.fontSize ?? TABLE.fontSize;
  const size = Math.round(fontSize * 2);
  const line = Math.round(fontSize * TABLE.lineFactor * 20);
  const face = table.face === "FangSong" ? FONT.fangSong : FONT.song;

  const paragraphOf = (text: string, align: TableCell["align"], bold: boolean | undefined, keep: boolean) =>
    new Paragraph({
      style: STYLE.table,
      overflowPunctuation: true,
      alignment: ALIGN[align],
      spacing: { line, lineRule: LineRuleType.EXACT },
      keepNext: keep || undefined,
      children: text === "" ? [] : runs(text, { font: bold ? FONT.hei : face, size }),
    });

  const cellOf = (
    cell: Pick<TableCell, "text" | "align" | "bold">,
    col: number,
    span: number,
    merge: "restart" | "continue" | undefined,
    keep: boolean,
  ) =>
    new DocxTableCell({
      columnSpan: span > 1 ? span : undefined,
      // The vertical merge is written here rather than with docx's rowSpan: docx fills the rows
      // below with continuation cells holding a Normal-style (16 pt, 28.95 pt line) paragraph,
      // which could make those rows taller in Word; ours hold an empty table-text paragraph.
      verticalMerge: merge === "restart" ? VerticalMergeType.RESTART : merge === "continue" ? VerticalMergeType.CONTINUE : undefined,
      width: { size: widths.slice(col, col + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: TABLE.padH, right: TABLE.padH, top: TABLE.padV, bottom: TABLE.padV },
      children: [paragraphOf(merge === "continue" ? "" : cell.text, cell.align, cell.bold, keep)],
    });

  /**
   * Converts the rows of one part (header or body) to Word rows. The view model lists only the
   * cells that start in a row (HTML semantics); Word needs every row to cover the whole grid, the
   * positions under a row-spanning cell holding "continue" cells of the same width.
   */
  const convert = (rows: TableRow[], header: boolean): DocxTableRow[] => {
    /** row-spanning cells still open: start column, width, rows left below */
    let open: { col: number; span: number; left: number }[] = [];
    return rows.map((row, r) => {
      const keep = header || row.kind === "title" || Boolean(row.keepWithNext);
      const cells: DocxTableCell[] = [];
      if (row.kind === "title") {
        cells.push(cellOf({ text: row.text, align: row.align ?? "center", bold: row.bold }, 0, ncols, undefined, keep));
        open = [];
        return new DocxTableRow({ children: cells, tableHeader: header || undefined, cantSplit: true });
      }
      const next: typeof open = [];
      let c = 0;
      /** Emits the continuation cells that sit at the current column. */
      const continuations = () => {
        for (let o = open.find((x) => x.col === c); o && c < ncols; o = open.find((x) => x.col === c)) {
          cells.push(cellOf({ text: "", align: "center" }, c, o.span, "continue", keep));
          if (o.left > 1) next.push({ ...o, left: o.left - 1 });
          c += o.span;
        }
      };
      for (const cell of row.cells) {
        continuations();
        if (c >= ncols) break; // more cells than columns: drop the excess rather than break the file
        // a cell may not run into a spanning cell from above, nor past the grid
        const limit = Math.min(ncols, ...open.filter((o) => o.col > c).map((o) => o.col));
        const span = Math.max(1, Math.min(Math.floor(cell.colSpan) || 1, limit - c));
        // a span never leaves its part (header or body)
        const rs = Math.max(1, Math.min(Math.floor(cell.rowSpan ?? 1) || 1, rows.length - r));
        cells.push(cellOf(cell, c, span, rs > 1 ? "restart" : undefined, keep));
        if (rs > 1) next.push({ col: c, span, left: rs - 1 });
        c += span;
      }
      // a short row is padded with empty cells so that Word sees a full grid
      for (continuations(); c < ncols; continuations()) {
        cells.push(cellOf({ text: "", align: "center" }, c, 1, undefined, keep));
        c++;
      }
      open = next;
      return new DocxTableRow({ children: cells, tableHeader: header || undefined, cantSplit: true });
    });
  };

  const rows = [...convert(table.header, true), ...convert(table.body, false)];
  return new DocxTable({
    rows,
    width: { size: TEXT_W, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    indent: { size: 0, type: WidthType.DXA },
  });
}

function blockChildren(blocks: Block[]): (Paragraph | DocxTable)[] {
  const out: (Paragraph | DocxTable)[] = [];
  let afterTable = false;
  const push = (style: string, text: string) => {
    out.push(para(style, text, afterTable ? { spaceBefore: TABLE.after } : {}));
    afterTable = false;
  };
  for (const b of blocks) {
    switch (b.kind) {
      case "heading1":
        push(STYLE.heading1, splitParagraphs(b.text).join(""));
        break;
      case "heading2":
        push(STYLE.heading2, splitParagraphs(b.text).join(""));
        break;
      case "paragraph":
        for (const p of splitParagraphs(b.text)) push(STYLE.body, p);
        break;
      case "table":
        out.push(tableOf(b.table));
        afterTable = true;
        break;
    }
  }
  // Word needs a paragraph after a table that ends the flow; the signature usually follows anyway.
  if (afterTable) out.push(new Paragraph({ style: STYLE.body, children: [] }));
  return out;
}

function signature(vm: ViewModel): Paragraph[] {
  const organName = splitParagraphs(vm.signature.organName).join("");
  const date = splitParagraphs(vm.signature.date).join("");
  if (!organName && !date) return [];
  const ind = signatureIndents(organName, date);
  const out = [new Paragraph({ style: STYLE.signature, ...FLOW, keepNext: true, children: [] })];
  if (organName) out.push(new Paragraph({ style: STYLE.signature, ...FLOW, indent: { right: ind.name }, children: runs(organName) }));
  if (date) out.push(new Paragraph({ style: STYLE.signature, ...FLOW, indent: { right: ind.date }, keepNext: false, children: runs(date) }));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Page furniture

function folio(odd: boolean): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.folio,
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: FOLIO.indent } : { left: FOLIO.indent },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

/** The "草稿" watermark: Word's own text watermark (a VML WordArt shape behind the text). */
function draftHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        children: [new TextWatermark({ text: "草稿", font: FONT.hei, color: "A0A0A0", opacity: 0.3, width: 400, height: 200 })],
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------

export function buildDocument(vm: ViewModel): Document {
  const title = vm.title.map((t) => splitParagraphs(t).join("")).filter((t) => t !== "");
  const titleText = cleanText(vm.meta?.title ?? title.join(""));
  const author = cleanText(vm.meta?.author ?? vm.signature.organName);
  const children: (Paragraph | DocxTable)[] = [];
  if (title.length > 0) {
    children.push(
      new Paragraph({
        style: STYLE.title,
        ...FLOW,
        children: title.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined })),
      }),
    );
  }
  for (const p of vm.opening.flatMap(splitParagraphs)) children.push(para(STYLE.body, p));
  children.push(...blockChildren(vm.blocks), ...signature(vm));
  if (children.length === 0) children.push(new Paragraph({ style: STYLE.body, children: [] }));

  return new Document({
    title: titleText,
    subject: cleanText(vm.meta?.subject ?? "政府信息公开工作年度报告"),
    creator: author || "nianbao",
    lastModifiedBy: author || "nianbao",
    description: "政府信息公开工作年度报告",
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: fontSlots(FONT.fangSong),
            size: BODY.size,
            characterSpacing: BODY.charSpacing,
            language: { value: "zh-CN", eastAsia: "zh-CN" },
          },
          paragraph: { spacing: exact(BODY.line) },
        },
      },
      paragraphStyles: STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: { ...MARGIN, header: FOLIO.header, footer: FOLIO.footer, gutter: 0 },
          },
        },
        headers: vm.draft ? { default: draftHeader(), even: draftHeader() } : undefined,
        footers: { default: folio(true), even: folio(false) },
        children,
      },
    ],
  });
}

const CORE_XML = "docProps/core.xml";

/**
 * The document's language in its core properties (<dc:language>, beside title, subject and creator): the
 * docx library writes no such option, so it goes into the packed file's docProps/core.xml.
 */
export function withCoreLanguage(docx: Uint8Array, language = "zh-CN"): Buffer {
  const files = unzipSync(docx);
  const core = files[CORE_XML];
  if (!core) return Buffer.from(docx);
  const xml = strFromU8(core);
  if (!xml.includes("<dc:language>")) {
    files[CORE_XML] = strToU8(xml.replace("</cp:coreProperties>", `<dc:language>${language}</dc:language></cp:coreProperties>`));
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}

/** Render a report view model to DOCX bytes (≈50 ms warm for a full report). */
export async function renderDocx(vm: ViewModel): Promise<Buffer> {
  return withCoreLanguage(await Packer.toBuffer(buildDocument(vm)));
}
