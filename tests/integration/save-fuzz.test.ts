import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEXT_STORE_MAX_CHARS } from "@/lib/report";
import { runSaveAction } from "@/lib/server/save-action";
import { createReport } from "@/lib/server/services/create-report";
import { checkSave, savePayloadArb, type SaveTarget } from "@/tests/fuzz/targets";
import { actor } from "./fixtures";
import { createTestDb, type TestDb } from "./test-db";

// Issue 12 item 5 (a): the autosave action (lib/server/save-action.ts: its zod check, then the save service)
// over random and malformed payloads — unknown fields, wrong types, NaN, negative numbers, huge strings, lone
// surrogates. Never an exception or a server error; a refusal has a Chinese message and leaves the report
// exactly as it was; a refused field keeps its stored value. bench/fuzz.ts runs 10,000 of these.
describe("save action fuzz (sqlite)", () => {
  let t: TestDb;
  let target: SaveTarget;

  beforeAll(async () => {
    t = await createTestDb("sqlite");
    const user = await actor(t.db, "chengguan");
    const r = await createReport(user, { year: 2024 }, t.db);
    if (!r.ok) throw new Error(r.message);
    target = { db: t.db, user, reportId: r.reportId };
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  it("regression (found by the fuzzer): one field twice in a save, one storable and one too long, is refused whole", async () => {
    const before = await t.db.report.findUniqueOrThrow({ where: { id: target.reportId } });
    const r = await runSaveAction(
      {
        reportId: target.reportId,
        baseVersion: before.version,
        changes: [
          { ref: "text.s6", base: null, value: "" },
          { ref: "text.s6", base: null, value: "字".repeat(TEXT_STORE_MAX_CHARS + 1) },
        ],
      },
      async () => target.user,
      t.db,
    );
    expect(r).toMatchObject({ ok: false, code: "INVALID" });
    expect(r.ok ? "" : r.message).toMatch(/保存请求格式不正确/);
    const after = await t.db.report.findUniqueOrThrow({ where: { id: target.reportId } });
    expect([after.version, after.content]).toEqual([before.version, before.content]);
  });

  it("random payloads: a result with a Chinese message, nothing stored half-way", async () => {
    await fc.assert(
      fc.asyncProperty(savePayloadArb, async (p) => {
        const f = await checkSave(target, p);
        expect(f, f?.message).toBeNull();
      }),
      { seed: 20270125, numRuns: 200 },
    );
    // and the report still opens and saves normally afterwards
    const row = await t.db.report.findUniqueOrThrow({ where: { id: target.reportId } });
    expect(row.version).toBeGreaterThan(1);
  }, 300_000);
});
