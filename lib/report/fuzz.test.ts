import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPaste, pasteInputArb } from "@/tests/fuzz/targets";

// Issue 12 item 5 (c): the paste parser and planner over hostile clipboard text (bench/fuzz.ts runs 10,000).
describe("paste parser fuzz", () => {
  it("never throws, loses no pasted value, writes input cells only, and round-trips a clean grid", () => {
    fc.assert(
      fc.property(pasteInputArb, (input) => {
        const f = checkPaste(input);
        expect(f, f?.message).toBeNull();
      }),
      { seed: 20270125, numRuns: 300 },
    );
  });
});
