/**
 * Test helpers: read the parts of a DOCX (a zip) and pick WordprocessingML apart with regular
 * expressions. Good enough for the documents renderDocx writes (no nested tables, attributes in
 * double quotes); not a general OOXML reader.
 *
 * The zip is read with node:zlib (docx 9 zips with fflate, not jszip, and the tests should not
 * depend on another package's internals).
 */
import zlib from "node:zlib";

/** The files of a zip archive, decoded as UTF-8. */
export function unzip(buf: Buffer): Map<string, string> {
  // End of central directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip file (no end of central directory)");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, string>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("corrupt zip central directory");
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name}: unsupported method ${method}`);
    files.set(name, (method === 8 ? zlib.inflateRawSync(data) : data).toString("utf8"));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

export function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

/** All non-overlapping `<tag …>…</tag>` elements (tag not nested in itself). */
export function elements(xml: string, tag: string): string[] {
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</${tag}>)`, "g");
  return xml.match(re) ?? [];
}

/** The value of attribute `attr` of the first `<tag …>` in xml, or undefined. */
export function attr(xml: string, tag: string, attr: string): string | undefined {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?\\s${attr}="([^"]*)"`).exec(xml);
  return m ? unescapeXml(m[1] as string) : undefined;
}

export const has = (xml: string, tag: string) => new RegExp(`<${tag}[\\s/>]`).test(xml);

/** The text of a paragraph (or any fragment): its w:t contents, a w:br as "\n". */
export function textOf(xml: string): string {
  let out = "";
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:br\s[^>]*\/>/g)) {
    out += m[1] !== undefined ? unescapeXml(m[1]) : "\n";
  }
  return out;
}

export type Para = { style: string | undefined; text: string; xml: string };

/** The paragraphs of a part in document order (table cell paragraphs included). */
export function paragraphs(xml: string): Para[] {
  return elements(xml, "w:p").map((p) => ({ style: attr(p, "w:pStyle", "w:val"), text: textOf(p), xml: p }));
}

export type Cell = { gridSpan: number; vMerge: "restart" | "continue" | undefined; text: string; xml: string };
export type Row = { header: boolean; cantSplit: boolean; cells: Cell[] };
export type DocxTable = { grid: number[]; rows: Row[]; xml: string };

export function tables(xml: string): DocxTable[] {
  return elements(xml, "w:tbl").map((t) => ({
    xml: t,
    grid: elements(t, "w:gridCol").map((g) => Number(attr(g, "w:gridCol", "w:w"))),
    rows: elements(t, "w:tr").map((tr) => {
      const trPr = elements(tr, "w:trPr")[0] ?? "";
      return {
        header: has(trPr, "w:tblHeader"),
        cantSplit: has(trPr, "w:cantSplit"),
        cells: elements(tr, "w:tc").map((tc) => {
          const vm = elements(tc, "w:vMerge")[0];
          return {
            gridSpan: Number(attr(tc, "w:gridSpan", "w:val") ?? 1),
            vMerge: vm === undefined ? undefined : attr(vm, "w:vMerge", "w:val") === "restart" ? "restart" : "continue",
            text: textOf(tc),
            xml: tc,
          };
        }),
      };
    }),
  }));
}

/** A w:style element of styles.xml by its id. */
export function style(stylesXml: string, id: string): string {
  const s = elements(stylesXml, "w:style").find((x) => attr(x, "w:style", "w:styleId") === id);
  if (!s) throw new Error(`no style ${id}`);
  return s;
}

/** White space removed, for phrase searches across lines and runs. */
export const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, "");
