/**
 * The report as a react-pdf Document, in the 公文 layout of GB/T 9704-2012 (see
 * shared/spec/official-format.md §9). It draws a ViewModel; pagination decisions are made
 * beforehand by planDocument (layout.ts).
 */
import type { ComponentProps } from "react";
import { Canvas, Document, Font, Page, Text, View } from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import type { ViewModel } from "../view-model";
import { FAMILY, fontAscentEm, registerFonts, type FaceName } from "./fonts";
import {
  BODY,
  FOLIO,
  INDENT,
  MARGIN,
  PAGE,
  TABLE_STYLE,
  TEXT_H,
  TEXT_W,
  TITLE,
  pageSegments,
  planDocument,
  textWidth,
  type DocumentPlan,
  type FlowItem,
  type HeadingLine,
  type TextStyle,
} from "./layout";
import { drawTable, type TableDrawing } from "./table-drawing";

const pt = (x: number) => `${x}pt`;

const bodyText: Style = {
  fontFamily: FAMILY.FangSong,
  fontSize: BODY.size,
  lineHeight: pt(BODY.line),
  letterSpacing: BODY.letterSpacing,
};

const paragraphStyle: Style = { ...bodyText, textIndent: INDENT, textAlign: "justify" };

const headingStyles: Record<1 | 2, Style> = {
  1: { ...bodyText, fontFamily: FAMILY.Hei, textIndent: INDENT },
  2: { ...bodyText, fontFamily: FAMILY.Kai, textIndent: INDENT },
};

/** Pin a box's width: react-pdf forces flexShrink ≥ 1, and unpinned boxes make vertical rules jog. */
const pinW = (w: number): Style => ({ width: w, minWidth: w, maxWidth: w });

// ---------------------------------------------------------------------------------------------
// Tables

type Painter = Parameters<NonNullable<ComponentProps<typeof Canvas>["paint"]>>[0];

/** react-pdf may call paint with a measuring context while laying out: not a page. */
const isMeasuring = (painter: Painter) => "getWidth" in painter;

/** The fontkit object react-pdf drew this face with, so text drawn here shares its embedded subset. */
const loadedFont = (face: FaceName) => Font.getFont({ fontFamily: face })?.data as unknown as string | undefined;

/**
 * Paint a table chunk (see table-drawing.ts): the rules as one filled path, then the text runs in
 * cell order (pdftotext -raw keeps a cell's lines together), switching fonts only when needed.
 */
function paintTable(d: TableDrawing) {
  return (painter: Painter) => {
    if (isMeasuring(painter)) return null;
    for (const r of d.rules) painter.rect(r.x, r.y, r.w, r.h);
    painter.fillColor("#000").fill();
    let current = "";
    for (const run of d.runs) {
      const key = `${run.face}/${run.size}`;
      if (key !== current) {
        const font = loadedFont(run.face);
        if (!font) throw new Error(`font ${run.face} is not loaded`);
        painter.font(font, run.size);
        current = key;
      }
      painter.text(run.text, run.x, run.baseline - fontAscentEm(run.face) * run.size, { lineBreak: false });
    }
    return null;
  };
}

function TableChunkView({ item }: { item: Extract<FlowItem, { kind: "table" }> }) {
  const d = drawTable(item.header, item.headerHeights, item.chunk.grid, item.chunk.heights, item.geometry);
  return (
    <View wrap={false} style={item.index === item.count - 1 ? { marginBottom: TABLE_STYLE.after } : {}}>
      {item.headings.map((h: HeadingLine, i) => (
        <Text key={i} style={headingStyles[h.level]}>
          {h.text}
        </Text>
      ))}
      <Canvas style={{ ...pinW(d.width), height: d.height }} paint={paintTable(d)} />
    </View>
  );
}

// ---------------------------------------------------------------------------------------------
// Page furniture

/**
 * The page number "— n —" (4号宋体, 7 mm below the text block, odd pages right, even pages left, one
 * character in), drawn by a fixed <Canvas> when the page is painted.
 *
 * react-pdf's dynamic `render` prop would do the same, but any dynamic node makes react-pdf lay
 * every page out twice more (≈ 30 % of the render). Pages are painted once each, in order, so a
 * counter shared by the canvases of one render (pageNumberPainter) yields the page number; the text
 * is drawn with the document's own embedded 宋体 (the same fontkit object react-pdf uses), so it is
 * extractable.
 */
function pageNumberPainter() {
  let page = 0;
  return (painter: Painter) => {
    if (isMeasuring(painter)) return null;
    const n = ++page;
    const text = `— ${n} —`;
    const width = textWidth(text, FOLIO_TEXT);
    const x = n % 2 === 1 ? TEXT_W - FOLIO.indent - width : FOLIO.indent;
    const font = loadedFont("Song");
    if (font) painter.font(font, FOLIO.size);
    painter.fillColor("#000").text(text, x, 0, { lineBreak: false });
    return null;
  };
}

function PageNumbers({ paint }: { paint: (painter: Painter) => null }) {
  return (
    <Canvas
      fixed
      style={{
        // absolute boxes are placed in page coordinates (the page padding does not apply)
        position: "absolute",
        top: MARGIN.top + TEXT_H + FOLIO.gap - FOLIO.size / 2,
        left: MARGIN.left,
        ...pinW(TEXT_W),
        height: FOLIO.size,
      }}
      paint={paint}
    />
  );
}

const FOLIO_TEXT: TextStyle = { face: "Song", size: FOLIO.size };

function Watermark() {
  return (
    <View
      fixed
      style={{
        position: "absolute",
        top: 0,
        left: 0,
        width: PAGE.width,
        height: PAGE.height,
        alignItems: "center",
        justifyContent: "center",
      }}
    >
      <Text
        style={{
          fontFamily: FAMILY.Hei,
          fontSize: 150,
          color: "#9a9a9a",
          opacity: 0.22,
          transform: "rotate(-45deg)",
        }}
      >
        草稿
      </Text>
    </View>
  );
}

// ---------------------------------------------------------------------------------------------

function Item({ item }: { item: FlowItem }) {
  switch (item.kind) {
    case "title":
      return (
        <View wrap={false} style={{ paddingBottom: BODY.line }}>
          {item.lines.map((line, i) => (
            <Text
              key={i}
              style={{ fontFamily: FAMILY.Title, fontSize: TITLE.size, lineHeight: pt(TITLE.line), textAlign: "center" }}
            >
              {line}
            </Text>
          ))}
        </View>
      );
    case "paragraph":
      return (
        <Text style={paragraphStyle} orphans={2} widows={2}>
          {item.text}
        </Text>
      );
    case "heading":
      return (
        <Text style={headingStyles[item.level]} wrap={false} minPresenceAhead={item.minPresenceAhead}>
          {item.text}
        </Text>
      );
    case "table":
      return <TableChunkView item={item} />;
    case "signature":
      return (
        <View wrap={false} style={item.blankLine ? { paddingTop: BODY.line } : {}}>
          <Text style={{ ...bodyText, marginLeft: item.nameX }}>{item.organName}</Text>
          <Text style={{ ...bodyText, marginLeft: item.dateX }}>{item.date}</Text>
        </View>
      );
  }
}

/**
 * A segment the plan puts on one page is drawn as a non-wrapping <Page>: react-pdf then skips its
 * pagination pass (another full layout of the page). Segments that flow over several pages wrap.
 */
function singlePage(items: FlowItem[]): boolean {
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last || items.some((i) => i.page !== first.page)) return false;
  // a paragraph may still run on to the next page (the next segment then starts at its top)
  return last.kind !== "paragraph" || last.top + last.lines * BODY.line <= TEXT_H + 0.001;
}

export type ReportDocumentProps = { vm: ViewModel; plan?: DocumentPlan };

export function ReportDocument({ vm, plan = planDocument(vm) }: ReportDocumentProps) {
  registerFonts();
  const title = vm.meta?.title ?? vm.title.join("");
  const paintPageNumber = pageNumberPainter();
  return (
    <Document
      title={title}
      author={vm.meta?.author ?? vm.signature.organName}
      subject={vm.meta?.subject ?? "政府信息公开工作年度报告"}
      creator="nianbao"
      producer="nianbao"
      language="zh-CN"
      creationDate={vm.meta?.creationDate}
      modificationDate={vm.meta?.creationDate}
    >
      {pageSegments(plan).map((items, s) => (
        <Page
          key={s}
          wrap={!singlePage(items)}
          size="A4"
          style={{
            // a page that does not wrap is only as tall as its content unless told otherwise
            minHeight: PAGE.height,
            paddingTop: MARGIN.top,
            paddingBottom: MARGIN.bottom,
            paddingLeft: MARGIN.left,
            paddingRight: MARGIN.right,
          }}
        >
          {vm.draft && <Watermark />}
          {items.map((item, i) => (
            <Item key={i} item={item} />
          ))}
          <PageNumbers paint={paintPageNumber} />
        </Page>
      ))}
    </Document>
  );
}

/** Page width/height in pt, for callers that need them (e.g. previews). */
export const PAGE_SIZE = PAGE;
