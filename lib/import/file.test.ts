import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importReportFile, MAX_IMPORT_BYTES } from "./file";
import { IMPORT_FIXTURES_DIR, SAMPLES, SAMPLES_DIR, sampleText } from "./testing/samples";
import { expectSample } from "./testing/assert";
import { stSongPdf } from "./testing/minipdf";
import type { ImportFileResult, ImportFileSuccess } from "./types";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(IMPORT_FIXTURES_DIR, name)));
const ok = (r: ImportFileResult): ImportFileSuccess => {
  if (!r.ok) throw new Error(`import failed: ${r.message}`);
  return r;
};

describe("accuracy through the DOCX and PDF paths (LibreOffice conversions of the samples)", () => {
  for (const s of SAMPLES) {
    const base = s.file.replace(/\.txt$/, "");
    for (const layout of ["tab", "table"] as const) {
      for (const ext of ["docx", "pdf"] as const) {
        const name = `${base}.${layout}.${ext}`;
        it(name, async () => {
          const r = ok(await importReportFile(fixture(name), name));
          expect(r.source.kind).toBe(ext);
          expectSample(r, s, ext);
        });
      }
    }
  }
});

describe("PDF with a non-embedded Chinese font (STSong-Light, UniGB-UCS2-H): read with the bundled CMaps", () => {
  for (const s of SAMPLES) {
    it(s.file, async () => {
      const r = ok(await importReportFile(stSongPdf(sampleText(s.file)), "report.pdf"));
      expectSample(r, s, "pdf");
    });
  }
});

describe("plain text files", () => {
  it("UTF-8, with and without BOM", async () => {
    const s = SAMPLES[0]!;
    const bytes = new Uint8Array(readFileSync(path.join(SAMPLES_DIR, s.file)));
    const r = ok(await importReportFile(bytes, s.file));
    expect(r.source).toEqual({ kind: "txt", encoding: "UTF-8" });
    expectSample(r, s, "txt");
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expectSample(ok(await importReportFile(bom, "report.txt")), s, "txt");
  });

  it("GB18030 when the bytes are not UTF-8", async () => {
    const s = SAMPLES.find((x) => x.file.startsWith("xinyuan"))!;
    const text = sampleText(s.file);
    const gb = gb18030Encode(text);
    const r = ok(await importReportFile(gb, "report.txt"));
    expect(r.source.encoding).toBe("GB18030");
    expectSample(r, s, "txt");
  });
});

describe("errors, in Chinese", () => {
  it("file too large", async () => {
    const r = await importReportFile(new Uint8Array(MAX_IMPORT_BYTES + 1), "big.pdf");
    expect(r).toMatchObject({ ok: false, code: "too-large" });
    expect(MAX_IMPORT_BYTES).toBe(10 * 1024 * 1024);
    if (!r.ok) expect(r.message).toContain("10 MB");
  });

  it("empty file", async () => {
    expect(await importReportFile(new Uint8Array(0), "a.pdf")).toMatchObject({ ok: false, code: "empty" });
  });

  it("corrupt PDF", async () => {
    const pdf = fixture("zhangliang-town-2023.tab.pdf");
    const broken = pdf.slice(0, 2000);
    const r = await importReportFile(broken, "broken.pdf");
    expect(r).toMatchObject({ ok: false, code: "corrupt" });
    if (!r.ok) expect(r.message).toContain("损坏");
  });

  it("encrypted PDF (user password)", async () => {
    const r = await importReportFile(fixture("encrypted.pdf"), "encrypted.pdf");
    expect(r).toMatchObject({ ok: false, code: "encrypted" });
    if (!r.ok) expect(r.message).toContain("密码");
  });

  it("scanned PDF without a text layer", async () => {
    const r = await importReportFile(fixture("scanned.pdf"), "scan.pdf");
    expect(r).toMatchObject({ ok: false, code: "scanned" });
    if (!r.ok) expect(r.message).toContain("扫描件");
  });

  it("not a report", async () => {
    const r = await importReportFile(fixture("not-a-report.pdf"), "minutes.pdf");
    expect(r).toMatchObject({ ok: false, code: "not-a-report" });
    const t = await importReportFile(new TextEncoder().encode("会议纪要\n今天开会。"), "a.txt");
    expect(t).toMatchObject({ ok: false, code: "not-a-report" });
  });

  it("corrupt DOCX", async () => {
    const docx = fixture("zhangliang-town-2023.table.docx");
    const r = await importReportFile(docx.slice(0, 3000), "broken.docx");
    expect(r).toMatchObject({ ok: false, code: "corrupt" });
  });

  it("unsupported types: old .doc, a zip that is not a Word document, images, binaries", async () => {
    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const doc = await importReportFile(cfb, "old.doc");
    expect(doc).toMatchObject({ ok: false, code: "unsupported-type" });
    if (!doc.ok) expect(doc.message).toContain(".doc");
    const { zipSync } = await import("fflate");
    const zip = zipSync({ "xl/workbook.xml": new TextEncoder().encode("<workbook/>") });
    expect(await importReportFile(zip, "book.xlsx")).toMatchObject({ ok: false, code: "unsupported-type" });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(await importReportFile(png, "scan.png")).toMatchObject({ ok: false, code: "scanned" });
    const bin = new Uint8Array(1000).map((_, i) => (i * 37) % 256);
    expect(await importReportFile(bin, "data.bin")).toMatchObject({ ok: false, code: "unsupported-type" });
  });

  it("encrypted Word file (OLE container with EncryptionInfo)", async () => {
    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = "EncryptionInfo";
    for (let k = 0; k < name.length; k++) cfb[1024 + k * 2] = name.charCodeAt(k);
    expect(await importReportFile(cfb, "secret.docx")).toMatchObject({ ok: false, code: "encrypted" });
  });
});

/** GB18030 encoding of CJK text for the test (TextEncoder only does UTF-8): a reverse table built with TextDecoder. */
function gb18030Encode(text: string): Uint8Array {
  const dec = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([b1, b2]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [b1, b2]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`cannot encode ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}
