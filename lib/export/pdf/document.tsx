/**
 * The report as a react-pdf Document, in the 公文 layout of GB/T 9704-2012 (see
 * shared/spec/official-format.md §9). It draws a ViewModel; pagination decisions are made
 * beforehand by planDocument (layout.ts).
 */
import type { ComponentProps, ReactElement } from "react";
import { Canvas, Document, Font, Page, Text, View } from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import type { ViewModel } from "../view-model";
import { FAMILY, registerFonts } from "./fonts";
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
  cellTextWidth,
  cellWidth,
  layoutLines,
  pageSegments,
  planDocument,
  textWidth,
  type DocumentPlan,
  type FlowItem,
  type Grid,
  type HeadingLine,
  type PlacedCell,
  type TableGeometry,
  type TextStyle,
} from "./layout";

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

type GridProps = { grid: Grid; heights: number[]; g: TableGeometry };

/**
 * One table cell: a single Text node that draws its own right and bottom rules (the table box draws
 * the top and left ones). Its text is centred vertically by padding computed from the planned row
 * heights and line count — a View around a Text, centred by flexbox, looked the same but doubled
 * the number of nodes react-pdf lays out (a third of a report's render time is its tables).
 */
function CellBox({ cell, g, height, grow }: { cell: PlacedCell; g: TableGeometry; height: number; grow: boolean }) {
  const face = cell.bold ? "Hei" : g.face;
  const lines = cell.text === "" ? 0 : layoutLines(cell.text, { face, size: g.fontSize }, cellTextWidth(g, cell.c, cell.cs)).length;
  const free = height - TABLE_STYLE.border - 2 * TABLE_STYLE.padV - lines * g.lineHeight;
  const style: Style = {
    ...pinW(cellWidth(g, cell.c, cell.cs)),
    minHeight: height,
    borderRightWidth: TABLE_STYLE.border,
    borderBottomWidth: TABLE_STYLE.border,
    borderColor: "#000",
    borderStyle: "solid",
    paddingHorizontal: TABLE_STYLE.padH,
    paddingTop: TABLE_STYLE.padV + Math.max(0, free / 2),
    paddingBottom: TABLE_STYLE.padV,
    fontFamily: FAMILY[face],
    fontSize: g.fontSize,
    lineHeight: pt(g.lineHeight),
    textAlign: cell.align,
  };
  if (grow) style.flexGrow = 1;
  return <Text style={style}>{cell.text}</Text>;
}

/**
 * Draw rows [r0, r1) × columns [c0, c1) of a grid as nested flex boxes: the region is cut into
 * horizontal bands no cell crosses; a one-row band is a flex row, a taller band is cut vertically
 * where no cell crosses and each side drawn recursively, so a row-spanning cell becomes one box
 * as tall as the rows beside it.
 */
function Region({ grid, heights, g, r0, r1, c0, c1 }: GridProps & { r0: number; r1: number; c0: number; c1: number }) {
  const inRegion = grid.cells.filter((x) => x.r >= r0 && x.r < r1 && x.c >= c0 && x.c < c1);
  const bands: ReactElement[] = [];
  let r = r0;
  while (r < r1) {
    let e = r + 1;
    for (let changed = true; changed; ) {
      changed = false;
      for (const x of inRegion) {
        if (x.r >= r && x.r < e && x.r + x.rs > e) {
          e = x.r + x.rs;
          changed = true;
        }
      }
    }
    const isLast = e >= r1;
    const band = inRegion.filter((x) => x.r >= r && x.r < e).sort((a, b) => a.c - b.c);
    const bandHeight = heights.slice(r, e).reduce((a, b) => a + b, 0);
    const key = `${r}-${c0}`;
    if (e === r + 1) {
      bands.push(
        <View key={key} style={{ flexDirection: "row", minHeight: bandHeight, ...(isLast ? { flexGrow: 1 } : {}) }}>
          {band.map((x) => (
            <CellBox key={x.c} cell={x} g={g} height={bandHeight} grow={false} />
          ))}
        </View>,
      );
    } else {
      const only = band.length === 1 && band[0] && band[0].c === c0 && band[0].cs === c1 - c0 ? band[0] : null;
      if (only) {
        bands.push(<CellBox key={key} cell={only} g={g} height={bandHeight} grow={isLast} />);
      } else {
        let cut = -1;
        for (let x = c0 + 1; x < c1 && cut < 0; x++) {
          if (!band.some((cell) => cell.c < x && x < cell.c + cell.cs)) cut = x;
        }
        if (cut < 0) throw new Error(`table cells in rows ${r + 1}–${e} cannot be drawn as nested boxes`);
        bands.push(
          <View key={key} style={{ flexDirection: "row", ...(isLast ? { flexGrow: 1 } : {}) }}>
            <View style={{ ...pinW(cellWidth(g, c0, cut - c0)), flexDirection: "column" }}>
              <Region grid={grid} heights={heights} g={g} r0={r} r1={e} c0={c0} c1={cut} />
            </View>
            <View style={{ ...pinW(cellWidth(g, cut, c1 - cut)), flexDirection: "column" }}>
              <Region grid={grid} heights={heights} g={g} r0={r} r1={e} c0={cut} c1={c1} />
            </View>
          </View>,
        );
      }
    }
    r = e;
  }
  return <>{bands}</>;
}

function TableChunkView({ item }: { item: Extract<FlowItem, { kind: "table" }> }) {
  const g = item.geometry;
  const ncols = g.colW.length;
  return (
    <View wrap={false} style={item.index === item.count - 1 ? { marginBottom: TABLE_STYLE.after } : {}}>
      {item.headings.map((h: HeadingLine, i) => (
        <Text key={i} style={headingStyles[h.level]}>
          {h.text}
        </Text>
      ))}
      <View
        style={{
          ...pinW(TEXT_W),
          borderTopWidth: TABLE_STYLE.border,
          borderLeftWidth: TABLE_STYLE.border,
          borderColor: "#000",
          borderStyle: "solid",
        }}
      >
        {item.header.nrows > 0 && (
          <Region grid={item.header} heights={item.headerHeights} g={g} r0={0} r1={item.header.nrows} c0={0} c1={ncols} />
        )}
        {item.chunk.grid.nrows > 0 && (
          <Region grid={item.chunk.grid} heights={item.chunk.heights} g={g} r0={0} r1={item.chunk.grid.nrows} c0={0} c1={ncols} />
        )}
      </View>
    </View>
  );
}

// ---------------------------------------------------------------------------------------------
// Page furniture

type Painter = Parameters<NonNullable<ComponentProps<typeof Canvas>["paint"]>>[0];

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
    // react-pdf may call paint with a measuring context while laying out: not a page
    if ("getWidth" in painter) return null;
    const n = ++page;
    const text = `— ${n} —`;
    const width = textWidth(text, FOLIO_TEXT);
    const x = n % 2 === 1 ? TEXT_W - FOLIO.indent - width : FOLIO.indent;
    const font = Font.getFont({ fontFamily: "Song" })?.data as unknown;
    if (font) painter.font(font as string, FOLIO.size);
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
