// The demo's registers (lib/demo/register.ts): 东山镇, 西岭乡, 南湖镇 and 市财政局 keep a 台账 whose table 三 is
// exactly their demo report's, with a 补正, a consultation, an extension and (odd demo numbers) a carry-over.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEVEL_DEMO } from "@/scripts/seed-content";
import { getRegister } from "@/lib/server/services/register-list";
import { reportRegisterState } from "@/lib/server/services/register-report";
import { parseStoredContent } from "@/lib/server/services/report-row";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor } from "./fixtures";

describe.each(TEST_PROVIDERS)("the demo registers on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider, { demoContent: true });
  }, 180_000);
  afterAll(async () => t?.cleanup(), 60_000);

  it.each(["dongshan", "xiling", "nanhu", "caizheng"])("%s: the register fills the report's tables 三/四", async (username) => {
    const clerk = await actor(t.db, username);
    const year = LEVEL_DEMO.year;
    const page = await getRegister(clerk, clerk.organId!, year, t.db);
    expect(page!.entries.length).toBeGreaterThanOrEqual(2);
    const inputs = page!.entries.map((e) => e.input);
    expect(inputs.some((i) => i.correctionReceivedAt)).toBe(true);
    expect(inputs.some((i) => i.consultFrom && i.consultTo)).toBe(true);
    expect(inputs.some((i) => i.extensionApprovedAt)).toBe(true);
    expect(page!.entries.every((e) => e.deadline.state === "replied" && e.deadline.due && e.input.repliedAt <= e.deadline.due)).toBe(true);
    const report = await t.db.report.findFirstOrThrow({ where: { organId: clerk.organId!, year, kind: "ORGAN" } });
    const state = await reportRegisterState(clerk.organId!, year, parseStoredContent(report.content), t.db);
    expect(state.t3Active).toBe(true);
    expect(state.differences).toEqual([]);
  });

  it("carries 东山镇's open application of last year over, and closes it there", async () => {
    const clerk = await actor(t.db, "dongshan");
    const last = await getRegister(clerk, clerk.organId!, LEVEL_DEMO.year - 1, t.db);
    expect(last!.table3["t3.carryover.natural"]).toBe("1");
    const page = await getRegister(clerk, clerk.organId!, LEVEL_DEMO.year, t.db);
    expect(page!.entries.filter((e) => e.carried).map((e) => e.input.result)).toEqual(["open"]);
    expect(page!.table3["t3.carried.natural"]).toBe("1");
  });
});
