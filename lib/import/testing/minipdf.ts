/**
 * A tiny PDF writer for tests: text lines in the non-embedded font STSong-Light with the predefined
 * UniGB-UCS2-H encoding (as some government PDF generators write them), cells of tab-separated lines
 * placed at tab stops. PDF.js can read such text only with the Adobe-GB1 CMaps.
 */
const FONT_SIZE = 10;
const LINES_PER_PAGE = 70;

const width = (s: string) => [...s].reduce((a, c) => a + (c.charCodeAt(0) < 0x80 ? 0.5 : 1), 0) * FONT_SIZE;
const ucs2 = (s: string) =>
  [...s]
    .map((c) => c.charCodeAt(0))
    .filter((cp) => cp <= 0xffff)
    .map((cp) => cp.toString(16).toUpperCase().padStart(4, "0"))
    .join("");

/** Running text wrapped at 60 characters with a two-character first-line indent (公文 style); tab lines kept. */
function layout(text: string): { text: string; x: number }[] {
  const out: { text: string; x: number }[] = [];
  for (const line of text.split("\n")) {
    if (line.includes("\t") || line.trim() === "") {
      out.push({ text: line, x: 40 });
      continue;
    }
    const chars = [...line.trim()];
    let first = true;
    while (chars.length > 0) {
      const take = first ? 58 : 60;
      out.push({ text: chars.splice(0, take).join(""), x: first ? 40 + 2 * FONT_SIZE : 40 });
      first = false;
    }
  }
  return out;
}

export function stSongPdf(text: string): Uint8Array {
  const lines = layout(text);
  const pages: string[] = [];
  for (let p = 0; p * LINES_PER_PAGE < lines.length; p++) {
    const ops: string[] = [];
    lines.slice(p * LINES_PER_PAGE, (p + 1) * LINES_PER_PAGE).forEach((line, k) => {
      const y = 800 - k * 11;
      let x = line.x;
      for (const cell of line.text.split("\t")) {
        if (cell.trim()) ops.push(`BT /F1 ${FONT_SIZE} Tf ${x} ${y} Td <${ucs2(cell)}> Tj ET`);
        // Tab stops every 36 pt, as a word processor lays out tab-separated text.
        x = 40 + Math.ceil((x + width(cell) + 4 - 40) / 36) * 36;
      }
    });
    pages.push(ops.join("\n"));
  }
  const objs: string[] = [];
  const pageIds = pages.map((_, i) => 6 + i * 2);
  objs[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objs[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  objs[3] = "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>";
  objs[4] =
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>";
  objs[5] =
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>";
  pages.forEach((content, i) => {
    const id = pageIds[i]!;
    objs[id] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1400 842] /Contents ${id + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`;
    objs[id + 1] = `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`;
  });
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let i = 1; i < objs.length; i++) {
    offsets[i] = Buffer.byteLength(out);
    out += `${i} 0 obj\n${objs[i]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objs.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objs.length; i++) out += `${String(offsets[i]).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}
