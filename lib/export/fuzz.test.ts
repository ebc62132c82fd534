import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkExport, textContentArb } from "@/tests/fuzz/targets";

// Issue 12 item 5 (d): texts with HTML, <script>, control characters and lone surrogates through the public
// portal's HTML (parsed as a browser would: no element, handler or javascript: URL gets through), the DOCX
// (valid, escaped XML) and the PDF. bench/fuzz.ts runs 10,000.
describe("export fuzz", () => {
  it("portal HTML: hostile text stays text", async () => {
    await fc.assert(
      fc.asyncProperty(textContentArb, async (x) => {
        const f = await checkExport(x, { docx: false, pdf: false });
        expect(f, f?.message).toBeNull();
      }),
      { seed: 20270125, numRuns: 300 },
    );
  }, 300_000);

  it("DOCX: escaped text, no character XML forbids", async () => {
    await fc.assert(
      fc.asyncProperty(textContentArb, async (x) => {
        const f = await checkExport(x, { docx: true, pdf: false });
        expect(f, f?.message).toBeNull();
      }),
      { seed: 20270125, numRuns: 40 },
    );
  }, 300_000);

  it("PDF: renders whatever the text holds", async () => {
    await fc.assert(
      fc.asyncProperty(textContentArb, async (x) => {
        const f = await checkExport(x, { docx: false, pdf: true });
        expect(f, f?.message).toBeNull();
      }),
      { seed: 20270125, numRuns: 10 },
    );
  }, 300_000);
});
