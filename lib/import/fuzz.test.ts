import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkImport, importInputArb } from "@/tests/fuzz/targets";

// Issue 12 item 5 (b): the importer over random bytes and mutated real PDF/DOCX/TXT/HTML files never throws and
// answers with a result or a Chinese error (bench/fuzz.ts runs 10,000).
describe("importer fuzz", () => {
  it("random and mutated files: a result or a Chinese error, never an exception", async () => {
    await fc.assert(
      fc.asyncProperty(importInputArb(), async (input) => {
        const f = await checkImport(input);
        expect(f, f?.message).toBeNull();
      }),
      { seed: 20270125, numRuns: 200 },
    );
  }, 300_000);
});
